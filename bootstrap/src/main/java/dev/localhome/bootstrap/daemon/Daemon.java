package dev.localhome.bootstrap.daemon;

import com.google.inject.Injector;
import dev.localhome.application.ServiceRegistry;
import dev.localhome.bootstrap.config.Config;
import dev.localhome.bootstrap.config.Environment;
import dev.localhome.bootstrap.wiring.PluginSettings;
import dev.localhome.bootstrap.wiring.Plugins;
import dev.localhome.bootstrap.wiring.Wiring;
import dev.localhome.domain.Endpoint;
import dev.localhome.domain.Self;
import dev.localhome.domain.port.CertificateAuthority;
import dev.localhome.domain.port.ProxyTransport;
import dev.localhome.domain.port.RootCertificate;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running daemon: services discovered, the proxy accepting. {@code localhome run} starts one and waits for a
 * signal; tests start one in-process on port 0:
 *
 * <pre>{@code
 * try (Daemon daemon = Daemon.start(Config.defaults().withPort(0), environment)) {
 *     URI dashboard = URI.create("http://localhost:" + daemon.port() + "/");
 * }
 * }</pre>
 */
public final class Daemon implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Daemon.class);
    /** How long requests in flight may take to finish once a stop is asked for. */
    public static final Duration GRACE = Duration.ofSeconds(2);

    private final Config config;
    private final Plugins plugins;
    private final ServiceRegistry registry;
    private final ProxyTransport transport;
    private final CertificateAuthority ca;
    private final int port;
    private final AtomicBoolean closed = new AtomicBoolean();

    private Daemon(Config config, Plugins plugins, ServiceRegistry registry, ProxyTransport transport,
                   CertificateAuthority ca, int port) {
        this.config = config;
        this.plugins = plugins;
        this.registry = registry;
        this.transport = transport;
        this.ca = ca;
        this.port = port;
    }

    /** Starts with the plugins on this class's class path. */
    public static Daemon start(Config config, Environment environment) {
        Plugins plugins = Plugins.load(Daemon.class.getClassLoader());
        return start(config, plugins, Wiring.injector(config, environment, plugins));
    }

    /**
     * Scans once, then binds: the first request already finds every service that was running.
     *
     * @throws DaemonStartException when the address cannot be bound (the port is taken, the address is not ours)
     */
    static Daemon start(Config config, Plugins plugins, Injector injector) {
        warnIfReachableFromNetwork(config.bindHost());
        // the transport first: building it locates the CA, and a broken CA should fail before anything runs
        ProxyTransport transport = injector.getInstance(ProxyTransport.class);
        CertificateAuthority ca = injector.getInstance(CertificateAuthority.class);
        ServiceRegistry registry = injector.getInstance(ServiceRegistry.class);
        warnAboutSettingsNoPluginRead(injector.getInstance(PluginSettings.class), plugins);
        // Certificates are minted as services appear (the daemon's own name too), not at their first tunnel.
        registry.whenServiceAppears(transport::prepareFor);
        transport.prepareFor(config.ownName());
        int port;
        try {
            registry.start();
            port = transport.start(config.bindHost(), config.port());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            registry.close();
            stopWatching(ca);
            throw new DaemonStartException("interrupted while starting to listen", e);
        } catch (Exception e) { // Netty rethrows checked bind errors undeclared, hence Exception
            registry.close();
            stopWatching(ca);
            throw DaemonStartException.cannotListen(config.bindHost(), config.port(), e);
        }
        // Only now is the port known (PORT=0): from here on nothing that points at it is ever forwarded to, and
        // a scan taken without knowing it is replaced (a static mapping to our own port stops being a service).
        injector.getInstance(Self.class).listeningOn(loopbackEndpoints(config.bindHost(), port));
        registry.rescan();
        return new Daemon(config, plugins, registry, transport, ca, port);
    }

    /**
     * The loopback endpoints where a listener bound to {@code bindHost:port} accepts: what discovery would report for
     * it. A wildcard accepts on 127.0.0.1 (and ::1 when it is IPv6); a loopback address on itself; a LAN address on
     * no loopback endpoint at all (its own process is still known by pid).
     */
    static List<Endpoint> loopbackEndpoints(String bindHost, int port) {
        InetAddress address;
        try {
            address = InetAddress.getByName(bindHost);
        } catch (UnknownHostException e) {
            return List.of(); // it was bound, so this cannot happen; no endpoint is the safe answer anyway
        }
        boolean ipv6 = address instanceof Inet6Address;
        if (address.isAnyLocalAddress())
            return ipv6 ? List.of(Endpoint.loopback(port), new Endpoint(Endpoint.IPV6_LOOPBACK, port))
                    : List.of(Endpoint.loopback(port));
        if (!address.isLoopbackAddress()) return List.of();
        return List.of(ipv6 ? new Endpoint(Endpoint.IPV6_LOOPBACK, port) : Endpoint.loopback(port));
    }

    /** The port accepting connections: the configured one, or the one the system picked for port 0. */
    public int port() {
        return port;
    }

    public Config config() {
        return config;
    }

    /** Logs, once the daemon is up, what a user needs to know about it in one line. */
    public void logSummary() {
        Optional<RootCertificate> root = ca.root();
        log.info("localhome listening on {}:{} as '{}' — HTTPS interception {}; {} service(s); plugins: {}",
                config.bindHost(), port, config.ownName(),
                root.map(r -> "on (" + r.origin() + " CA " + r.location() + ")").orElse("off (no CA)"),
                registry.catalog().size(),
                plugins.names().isEmpty() ? "none" : String.join(", ", plugins.names()));
    }

    /** Stops accepting, lets requests in flight finish for up to {@link #GRACE}, stops discovery. Idempotent. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) return;
        try {
            transport.stop(GRACE);
        } finally {
            try {
                registry.close();
            } finally {
                stopWatching(ca);
            }
        }
        log.info("localhome stopped");
    }

    /**
     * Settings under {@code plugins} that no plugin read once the discovery sources were built: the plugin is not on
     * the class path, or its name is misspelt. A warning, not an error: the same config files serve every command
     * and every class path (a plugin's jar may be given to the daemon only), and the daemon runs well without it.
     */
    private static void warnAboutSettingsNoPluginRead(PluginSettings settings, Plugins plugins) {
        for (String name : settings.unread())
            log.warn("the config has settings for the plugin '{}', but no plugin on the class path reads them (loaded: "
                    + "{}): is its jar on the class path, and is the name spelt as the plugin documents it?", name,
                    plugins.names().isEmpty() ? "none" : String.join(", ", plugins.names()));
    }

    /** The CA is live: its watcher stops with the daemon. */
    private static void stopWatching(CertificateAuthority ca) {
        if (!(ca instanceof AutoCloseable watched)) return;
        try {
            watched.close();
        } catch (Exception e) {
            log.debug("stopping the CA watcher: {}", e.toString());
        }
    }

    /** Anything but loopback exposes every dev server to the network, without authentication. */
    private static void warnIfReachableFromNetwork(String bindHost) {
        try {
            if (!InetAddress.getByName(bindHost).isLoopbackAddress())
                log.warn("binding to {}, which is not a loopback address: everyone on your network can reach your "
                        + "dev servers through localhome", bindHost);
        } catch (UnknownHostException e) {
            // the bind itself will fail and say so
        }
    }
}
