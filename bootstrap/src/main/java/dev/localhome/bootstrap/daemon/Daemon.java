package dev.localhome.bootstrap.daemon;

import com.google.inject.Injector;
import dev.localhome.application.DaemonLifecycle;
import dev.localhome.application.DaemonLifecycle.Listening;
import dev.localhome.bootstrap.config.Config;
import dev.localhome.bootstrap.config.Environment;
import dev.localhome.bootstrap.wiring.PluginSettings;
import dev.localhome.bootstrap.wiring.Plugins;
import dev.localhome.bootstrap.wiring.Wiring;
import dev.localhome.domain.port.RootCertificate;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
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
    private static final Duration SUMMARY_WAIT = Duration.ofSeconds(3);

    private final Config config;
    private final Plugins plugins;
    private final DaemonLifecycle lifecycle;
    private final Listening listening;
    private final AtomicBoolean closed = new AtomicBoolean();

    private Daemon(Config config, Plugins plugins, DaemonLifecycle lifecycle, Listening listening) {
        this.config = config;
        this.plugins = plugins;
        this.lifecycle = lifecycle;
        this.listening = listening;
    }

    /**
     * Starts with the plugins on this class's class path, and returns once the first discovery scan has ended too: a
     * daemon in-process (a test, an embedding) then answers at once with every service that was running.
     */
    public static Daemon start(Config config, Environment environment) {
        Daemon daemon = startListening(config, environment);
        daemon.listening.firstScan().join();
        return daemon;
    }

    /**
     * Starts as {@link #start} does, but returns as soon as the port is bound, while the first scan still runs:
     * {@code localhome run} says {@code LISTENING} then, and a request that arrives before the scan ends waits for it.
     */
    public static Daemon startListening(Config config, Environment environment) {
        Plugins plugins = Plugins.load(Daemon.class.getClassLoader());
        StartupTrace.mark("plugins loaded");
        Injector injector = Wiring.injector(config, environment, plugins);
        StartupTrace.mark("injector created");
        return start(config, plugins, injector);
    }

    /**
     * Runs the lifecycle the injector wired ({@link DaemonLifecycle}): discovery, then the listener.
     *
     * @throws DaemonStartException when the address cannot be bound (the port is taken, the address is not ours)
     */
    static Daemon start(Config config, Plugins plugins, Injector injector) {
        warnIfReachableFromNetwork(config.bindHost());
        // building the lifecycle builds the transport, which locates the CA: a broken CA fails before anything runs
        DaemonLifecycle lifecycle = injector.getInstance(DaemonLifecycle.class);
        StartupTrace.mark("CA located, transport built");
        warnAboutSettingsNoPluginRead(injector.getInstance(PluginSettings.class), plugins);
        try {
            Listening listening = lifecycle.start(config.bindHost(), config.port(), config.ownName());
            StartupTrace.mark("discovered and bound");
            return new Daemon(config, plugins, lifecycle, listening);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DaemonStartException("interrupted while starting to listen", e);
        } catch (Exception e) { // Netty rethrows checked bind errors undeclared, hence Exception
            throw DaemonStartException.cannotListen(config.bindHost(), config.port(), e);
        }
    }

    /** The port accepting connections: the configured one, or the one the system picked for port 0. */
    public int port() {
        return listening.port();
    }

    public Config config() {
        return config;
    }

    /**
     * Logs, once the daemon is up, what a user needs to know about it in one line; after the first scan, which runs
     * while the daemon already listens (for a few seconds at most: the count is then left out).
     */
    public void logSummary() {
        Optional<RootCertificate> root = listening.ca();
        String services = listening.firstScan().copy()
                .completeOnTimeout(null, SUMMARY_WAIT.toMillis(), TimeUnit.MILLISECONDS)
                .thenApply(catalog -> catalog == null ? "services still being discovered" : catalog.size() + " service(s)")
                .join();
        log.info("localhome listening on {}:{} as '{}' — HTTPS interception {}; {}; plugins: {}",
                listening.bindHost(), listening.port(), listening.ownName(),
                root.map(r -> "on (" + r.origin() + " CA " + r.location() + ")").orElse("off (no CA)"),
                services,
                plugins.names().isEmpty() ? "none" : String.join(", ", plugins.names()));
    }

    /**
     * Stops accepting, lets requests in flight finish for up to the configured grace ({@code stopGraceSeconds}),
     * stops discovery. Idempotent.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) return;
        lifecycle.stop(config.stopGrace());
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
