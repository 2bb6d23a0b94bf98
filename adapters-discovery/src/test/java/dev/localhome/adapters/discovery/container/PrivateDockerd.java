package dev.localhome.adapters.discovery.container;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A second {@code dockerd} of a test's own, on a socket, data and run directories under the test's folder, with a
 * bridge of its own and no iptables rules: an engine the test may stop and start again without disturbing the
 * machine's. Needs root, dockerd and ip (iproute2); {@link RealEngine#require} decides whether the test skips or fails
 * without them.
 *
 * <p>Not {@code --bridge=none}: a dockerd told to use no bridge deletes {@code docker0}, the machine engine's bridge.
 */
final class PrivateDockerd implements AutoCloseable {
    private final Path directory;
    private final Path socket;
    private final String bridge;
    private Process daemon;

    PrivateDockerd(Path directory) {
        this.directory = directory;
        this.socket = directory.resolve("docker.sock");
        int random = java.util.concurrent.ThreadLocalRandom.current().nextInt(0x1000000);
        this.bridge = "lhtest%06x".formatted(random);
        RealEngine.command(List.of("ip", "link", "add", bridge, "type", "bridge"), null);
        RealEngine.command(List.of("ip", "addr", "add", "10.213.%d.1/24".formatted(random & 0xFF), "dev", bridge), null);
    }

    Path socket() {
        return socket;
    }

    /** Starts it and waits, up to 30 s, until it answers. */
    void start() throws IOException, InterruptedException {
        daemon = new ProcessBuilder("/usr/sbin/dockerd", "--data-root", directory.resolve("data").toString(),
                "--exec-root", directory.resolve("exec").toString(), "--pidfile", directory.resolve("pid").toString(),
                "-H", "unix://" + socket, "--bridge=" + bridge, "--iptables=false")
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
        try {
            stop();
        } finally {
            try {
                RealEngine.command(List.of("ip", "link", "del", bridge), null);
            } catch (IllegalStateException e) {
                // dockerd may have removed it already
            }
        }
    }
}
