package dev.localhome.bootstrap.cli;

import dev.localhome.bootstrap.daemon.Daemon;
import dev.localhome.bootstrap.daemon.StartupTrace;
import dev.localhome.bootstrap.config.Config;
import dev.localhome.bootstrap.config.Environment;
import java.io.PrintWriter;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the daemon in the foreground: start, announce the port, then wait for SIGTERM or SIGINT (or, asked to stop
 * when listening, stop at once: {@code ./localhome} does that to record the classes a start loads). A signal stops
 * it gracefully ({@link Daemon#close}); a second one at once ({@link SecondSignal}). {@code localhome install} (an
 * upgrade restarts the service) and {@code uninstall} stop it through the service manager, which sends SIGTERM: the
 * same path.
 */
final class DaemonRunner {
    private static final Logger log = LoggerFactory.getLogger(DaemonRunner.class);

    private DaemonRunner() {}

    static int run(Config config, Environment environment, PrintWriter out, boolean stopWhenListening)
            throws InterruptedException {
        StartupTrace.mark("logging and config");
        Daemon daemon = Daemon.startListening(config, environment);
        if (!stopWhenListening)
            Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(daemon), "localhome-shutdown"));
        // scripts and tests wait for exactly this line on stdout; logs go to stderr
        out.println("LISTENING:" + daemon.port());
        out.flush();
        StartupTrace.mark("LISTENING printed");
        daemon.logSummary();
        if (stopWhenListening) {
            daemon.close();
            return 0;
        }
        new CountDownLatch(1).await(); // the shutdown hook ends the process
        return 0;
    }

    /**
     * A signal is how a user (or systemd, or launchd) asks the daemon to stop, so it is a clean exit: 0, not the
     * JVM's 128+signal. {@code halt} is safe here: the daemon is closed, and nothing else registers a hook.
     */
    private static void stop(Daemon daemon) {
        log.info("stopping: no new connections; finishing requests in flight (up to {} s; send the signal again to "
                + "stop now)", daemon.config().stopGrace().toSeconds());
        SecondSignal.haltsAtOnce();
        try {
            daemon.close();
        } catch (RuntimeException e) {
            log.warn("stopping failed: {}", e.toString());
        }
        Runtime.getRuntime().halt(0);
    }
}
