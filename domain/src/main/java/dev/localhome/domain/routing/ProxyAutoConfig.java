package dev.localhome.domain.routing;

import dev.localhome.domain.ServiceName;
import java.util.Collection;
import java.util.stream.Collectors;

/**
 * The PAC file. It sends localhome only what localhome serves: a bare name (no dot) that is one of {@code names} (the
 * services running and lately stopped, and the daemon's own name), or one that resolves nowhere, whose answer is
 * localhome's {@code 404} page listing the services. Every other name goes {@code DIRECT}, exactly as without the PAC.
 *
 * <p>Why the PAC decides: a browser does not fall back to {@code DIRECT} when a proxy closes a connection without a
 * byte (Chromium shows {@code ERR_EMPTY_RESPONSE}), so a hosts-file name, an intranet host or a {@code go/} link sent
 * to localhome would break. A name that resolves nowhere cannot break: without the PAC it fails anyway. That rule also
 * keeps a stale PAC working: a service started after the browser fetched it is in no list, but its name resolves
 * nowhere, so it still reaches localhome (which rescans for a name it does not know). Only a new service whose name
 * also resolves elsewhere needs a fresh PAC; the file carries the names, so it is served {@code no-store}.
 *
 * <p>A name with a port ({@code http://app:3000/}, {@code https://app:3000/}) goes to localhome too: the PAC format
 * hands {@code FindProxyForURL} a host without its port, so the test below is the same for every port. A dotted
 * name never is: real top-level domains such as {@code .app} exist.
 *
 * <p>Each name gets its own proxy host, {@code <name>.localhost} (browsers resolve it to loopback): browsers cap
 * connections per proxy server, so a dozen dev servers behind one {@code 127.0.0.1:<port>} would share one small
 * pool and queue each other's requests.
 */
public final class ProxyAutoConfig {
    private ProxyAutoConfig() {}

    /** The PAC file for a daemon on {@code port} that serves {@code names}. */
    public static String forPort(int port, Collection<ServiceName> names) {
        // ServiceName's own check allows nothing that needs escaping in a JavaScript string; dotted names never match.
        String list = names.stream().map(ServiceName::value).filter(n -> n.indexOf('.') < 0).distinct().sorted()
                .map(n -> "\"" + n + "\"").collect(Collectors.joining(", "));
        return """
                // localhome: what it serves when this file was made; a name that resolves nowhere goes there too
                var LOCALHOME_NAMES = [%s];
                function FindProxyForURL(url, host) {
                  var name = host.toLowerCase();
                  if (!isPlainHostName(name) || name === "localhost" || !/^[a-z0-9_-]+$/.test(name)) return "DIRECT";
                  if (LOCALHOME_NAMES.indexOf(name) >= 0 || !isResolvable(name)) {
                    return "PROXY " + name + ".localhost:%d; DIRECT";
                  }
                  return "DIRECT";
                }
                """.formatted(list, port);
    }
}
