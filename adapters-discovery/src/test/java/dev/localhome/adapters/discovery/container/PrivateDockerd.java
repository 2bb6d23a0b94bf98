package dev.localhome.adapters.discovery.container;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A second {@code dockerd} of a test's own, on a socket, data and run directories under the test's folder, with no
 * bridge and no iptables rules: an engine the test may stop and start again without disturbing the machine's. Needs
 * root and dockerd; {@link RealEngine#require} decides whether the test skips or fails without them.
 */
final class PrivateDockerd implements AutoCloseable {
    private final Path directory;
    private final Path socket;
    private Process daemon;

    PrivateDockerd(Path directory) {
        this.directory = directory;
        this.socket = directory.resolve("docker.sock");
    }

    Path socket() {
        return socket;
    }

    /** Starts it and waits, up to 30 s, until it answers. */
    void start() throws IOException, InterruptedException {
        daemon = new ProcessBuilder("/usr/sbin/dockerd", "--data-root", directory.resolve("data").toString(),
                "--exec-root", directory.resolve("exec").toString(), "--pidfile", directory.resolve("pid").toString(),
                "-H", "unix://" + socket, "--bridge=none", "--iptables=false")
                .redirectErrorStream(true).redirectOutput(directory.resolve("dockerd.log").toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline && daemon.isAlive()) {
            if (answers()) return;
            daemon.waitFor(100, TimeUnit.MILLISECONDS);
        }
        throw new IllegalStateException("the private dockerd did not answer within 30 s: "
                + Files.readString(directory.resolve("dockerd.log")));
    }

    private boolean answers() {
        try {
            RealEngine.command(List.of("docker", "-H", "unix://" + socket, "version"), null);
            return true;
        } catch (IllegalStateException e) {
            return false;
        }
    }

    /** Stops it (SIGTERM, then SIGKILL after 20 s) and waits until it has exited. */
    void stop() throws InterruptedException {
        if (daemon == null) return;
        daemon.destroy();
        if (!daemon.waitFor(20, TimeUnit.SECONDS)) {
            daemon.destroyForcibly();
            daemon.waitFor(10, TimeUnit.SECONDS);
        }
        daemon = null;
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }
}
