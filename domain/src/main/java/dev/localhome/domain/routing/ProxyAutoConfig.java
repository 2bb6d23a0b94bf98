package dev.localhome.domain.routing;

/**
 * The PAC file: bare names (no dot) go to localhome, everything else direct. When localhome does not know a name it
 * closes the connection without a byte, and the {@code DIRECT} fallback resolves the name as usual.
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

    public static String forPort(int port) {
        return """
                function FindProxyForURL(url, host) {
                  if (isPlainHostName(host) && host !== "localhost" && /^[A-Za-z0-9_-]+$/.test(host)) {
                    return "PROXY " + host.toLowerCase() + ".localhost:%d; DIRECT";
                  }
                  return "DIRECT";
                }
                """.formatted(port);
    }
}
