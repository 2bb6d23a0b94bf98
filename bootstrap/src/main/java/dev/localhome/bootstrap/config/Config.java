package dev.localhome.bootstrap.config;

import dev.localhome.domain.ServiceName;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The daemon's settings after every layer has been applied: where to listen, its own name, where the CA lives when
 * the user named it, and the static name → port mappings.
 *
 * @param port the port to listen on; 0 picks a free one
 * @param bindHost the address to listen on, loopback unless the user asked otherwise
 * @param ownName the daemon's own service name, which serves its dashboard
 * @param mkcertCaRoot the CA directory the user named; empty means "look in the usual places"
 * @param services static mappings from service name to port, sorted by name
 * @param plugins each plugin's settings by plugin name (the config file's {@code "plugins"} object), as plain Java
 *                values: {@code Map}, {@code List}, {@code String}, {@code Number}, {@code Boolean}
 * @param forwardedHeaders whether forwarded requests get {@code X-Forwarded-Host/Proto/For} (on unless turned off)
 * @param http2WebSockets whether intercepted h2 connections carry WebSockets on their streams (RFC 8441; on unless
 *                        turned off): off, a browser opens each WebSocket on an HTTP/1.1 connection of its own
 * @param inspector whether the proxy keeps a record of recent exchanges per service (on unless turned off)
 * @param inspectHeaders whether that record holds request and response headers, credentials redacted (off unless
 *                       turned on)
 * @param transport the Netty transport to run on ({@code auto} unless a config file names one)
 * @param inspectRedactQuery query keys whose values the inspector never records, besides the default list
 *                           ({@code QueryRedaction.DEFAULT_NAMES})
 * @param stopGrace how long requests in flight may take to finish once a stop is asked for
 * @param composeNames whether a container without {@code NAME} that Compose runs answers to
 *                     {@code <service>.<project>} (off unless turned on: {@code NAME} is the one way a server asks
 *                     for a name, and a Compose project's databases and queues would otherwise fill the dashboard)
 * @param backendTimeout how long a request waits for its backend's response head before a {@code 504}; a response
 *                       that has started (SSE, streaming) is never cut by it
 */
public record Config(int port, String bindHost, ServiceName ownName, Optional<Path> mkcertCaRoot,
                     Map<String, Integer> services, Map<String, Object> plugins, boolean forwardedHeaders,
                     boolean http2WebSockets, boolean inspector, boolean inspectHeaders,
                     TransportSetting transport, List<String> inspectRedactQuery, Duration stopGrace,
                     boolean composeNames, Duration backendTimeout) {
    public static final int DEFAULT_PORT = 9090;
    public static final String DEFAULT_BIND_HOST = "127.0.0.1";
    public static final ServiceName DEFAULT_NAME = new ServiceName("home");
    /**
     * Long enough for a page load and a dev server's compile on first request, short enough that an upgrade or a
     * logout is not held up for long by a request that never ends (an event stream is not waited for: it has no end).
     */
    public static final Duration DEFAULT_STOP_GRACE = Duration.ofSeconds(15);
    /** A dev server compiles a page on its first request (webpack, Next.js, Vite's dependency scan): give it that long. */
    public static final Duration DEFAULT_BACKEND_TIMEOUT = Duration.ofSeconds(120);

    public Config {
        if (port < 0 || port > 65_535) throw new IllegalArgumentException("not a port: " + port);
        Objects.requireNonNull(bindHost, "bindHost");
        Objects.requireNonNull(ownName, "ownName");
        Objects.requireNonNull(mkcertCaRoot, "mkcertCaRoot");
        Objects.requireNonNull(transport, "transport");
        Objects.requireNonNull(stopGrace, "stopGrace");
        if (stopGrace.isNegative()) throw new IllegalArgumentException("a negative grace: " + stopGrace);
        Objects.requireNonNull(backendTimeout, "backendTimeout");
        if (backendTimeout.isNegative() || backendTimeout.isZero())
            throw new IllegalArgumentException("a backend timeout must be positive: " + backendTimeout);
        inspectRedactQuery = List.copyOf(inspectRedactQuery);
        services = Collections.unmodifiableMap(new TreeMap<>(services));
        plugins = Collections.unmodifiableMap(new TreeMap<>(plugins));
    }

    /** Settings with the default secret query keys and grace period, and no Compose names: as they are unless a config file says otherwise. */
    public Config(int port, String bindHost, ServiceName ownName, Optional<Path> mkcertCaRoot,
                  Map<String, Integer> services, Map<String, Object> plugins, boolean forwardedHeaders,
                  boolean http2WebSockets, boolean inspector, boolean inspectHeaders, TransportSetting transport) {
        this(port, bindHost, ownName, mkcertCaRoot, services, plugins, forwardedHeaders, http2WebSockets, inspector,
                inspectHeaders, transport, List.of(), DEFAULT_STOP_GRACE, false, DEFAULT_BACKEND_TIMEOUT);
    }

    /** Settings on the fastest transport that loads, as they are unless a config file names one. */
    public Config(int port, String bindHost, ServiceName ownName, Optional<Path> mkcertCaRoot,
                  Map<String, Integer> services, Map<String, Object> plugins, boolean forwardedHeaders,
                  boolean http2WebSockets, boolean inspector, boolean inspectHeaders) {
        this(port, bindHost, ownName, mkcertCaRoot, services, plugins, forwardedHeaders, http2WebSockets, inspector,
                inspectHeaders, TransportSetting.AUTO);
    }

    /** Settings with the request inspector on and its headers off, as they are unless a config file says otherwise. */
    public Config(int port, String bindHost, ServiceName ownName, Optional<Path> mkcertCaRoot,
                  Map<String, Integer> services, Map<String, Object> plugins, boolean forwardedHeaders,
                  boolean http2WebSockets) {
        this(port, bindHost, ownName, mkcertCaRoot, services, plugins, forwardedHeaders, http2WebSockets, true, false);
    }

    /** Settings with WebSockets over h2 on, as they are unless a config file turns them off. */
    public Config(int port, String bindHost, ServiceName ownName, Optional<Path> mkcertCaRoot,
                  Map<String, Integer> services, Map<String, Object> plugins, boolean forwardedHeaders) {
        this(port, bindHost, ownName, mkcertCaRoot, services, plugins, forwardedHeaders, true);
    }

    /** Settings with the {@code X-Forwarded-*} headers on, as they are unless a config file turns them off. */
    public Config(int port, String bindHost, ServiceName ownName, Optional<Path> mkcertCaRoot,
                  Map<String, Integer> services, Map<String, Object> plugins) {
        this(port, bindHost, ownName, mkcertCaRoot, services, plugins, true);
    }

    /** Settings that configure no plugin. */
    public Config(int port, String bindHost, ServiceName ownName, Optional<Path> mkcertCaRoot,
                  Map<String, Integer> services) {
        this(port, bindHost, ownName, mkcertCaRoot, services, Map.of());
    }

    public static Config defaults() {
        return new Config(DEFAULT_PORT, DEFAULT_BIND_HOST, DEFAULT_NAME, Optional.empty(), Map.of());
    }

    public Config withPort(int newPort) {
        return new Config(newPort, bindHost, ownName, mkcertCaRoot, services, plugins, forwardedHeaders, http2WebSockets, inspector, inspectHeaders, transport, inspectRedactQuery, stopGrace, composeNames, backendTimeout);
    }

    public Config withMkcertCaRoot(Path caRoot) {
        return new Config(port, bindHost, ownName, Optional.of(caRoot), services, plugins, forwardedHeaders, http2WebSockets, inspector, inspectHeaders, transport, inspectRedactQuery, stopGrace, composeNames, backendTimeout);
    }

    public Config withServices(Map<String, Integer> newServices) {
        return new Config(port, bindHost, ownName, mkcertCaRoot, newServices, plugins, forwardedHeaders, http2WebSockets, inspector, inspectHeaders, transport, inspectRedactQuery, stopGrace, composeNames, backendTimeout);
    }

    /** These settings with {@code settings} for the plugin called {@code pluginName}, e.g. {@code npm-names}. */
    public Config withPlugin(String pluginName, Map<String, Object> settings) {
        Map<String, Object> newPlugins = new TreeMap<>(plugins);
        newPlugins.put(pluginName, Map.copyOf(settings));
        return new Config(port, bindHost, ownName, mkcertCaRoot, services, newPlugins, forwardedHeaders, http2WebSockets, inspector, inspectHeaders, transport, inspectRedactQuery, stopGrace, composeNames, backendTimeout);
    }

    public Config withForwardedHeaders(boolean on) {
        return new Config(port, bindHost, ownName, mkcertCaRoot, services, plugins, on, http2WebSockets, inspector, inspectHeaders, transport, inspectRedactQuery, stopGrace, composeNames, backendTimeout);
    }

    public Config withHttp2WebSockets(boolean on) {
        return new Config(port, bindHost, ownName, mkcertCaRoot, services, plugins, forwardedHeaders, on, inspector, inspectHeaders, transport, inspectRedactQuery, stopGrace, composeNames, backendTimeout);
    }

    public Config withTransport(TransportSetting newTransport) {
        return new Config(port, bindHost, ownName, mkcertCaRoot, services, plugins, forwardedHeaders, http2WebSockets,
                inspector, inspectHeaders, newTransport, inspectRedactQuery, stopGrace, composeNames, backendTimeout);
    }

    public Config withInspectRedactQuery(List<String> keys) {
        return new Config(port, bindHost, ownName, mkcertCaRoot, services, plugins, forwardedHeaders, http2WebSockets,
                inspector, inspectHeaders, transport, keys, stopGrace, composeNames, backendTimeout);
    }

    public Config withStopGrace(Duration grace) {
        return new Config(port, bindHost, ownName, mkcertCaRoot, services, plugins, forwardedHeaders, http2WebSockets,
                inspector, inspectHeaders, transport, inspectRedactQuery, grace, composeNames, backendTimeout);
    }

    public Config withBackendTimeout(Duration timeout) {
        return new Config(port, bindHost, ownName, mkcertCaRoot, services, plugins, forwardedHeaders, http2WebSockets,
                inspector, inspectHeaders, transport, inspectRedactQuery, stopGrace, composeNames, timeout);
    }

    public Config withComposeNames(boolean on) {
        return new Config(port, bindHost, ownName, mkcertCaRoot, services, plugins, forwardedHeaders, http2WebSockets,
                inspector, inspectHeaders, transport, inspectRedactQuery, stopGrace, on, backendTimeout);
    }

    public Config withInspector(boolean on, boolean headers) {
        return new Config(port, bindHost, ownName, mkcertCaRoot, services, plugins, forwardedHeaders, http2WebSockets, on, headers, transport, inspectRedactQuery, stopGrace, composeNames, backendTimeout);
    }
}
