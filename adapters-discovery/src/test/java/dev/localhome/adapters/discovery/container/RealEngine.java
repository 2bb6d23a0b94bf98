package dev.localhome.adapters.discovery.container;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * A real Docker engine for tests, and a busybox image made without any registry: {@code docker import} of a tarball
 * holding Debian's static {@code /bin/busybox}, which serves {@code /www} with {@code busybox httpd} on port 8080
 * (exposed, so a container that publishes nothing is reached on its bridge address).
 *
 * <p>When no engine answers, it starts {@code dockerd --iptables=false} if it can (root, dockerd installed), and
 * stops it when the JVM exits; an engine it found running is left alone. Where none answers and none can start (a
 * developer machine without root), the tests that need it are skipped with a message naming the packages; when
 * {@code CI} is set they fail instead: CI always has an engine ({@code .ci/run} starts one).
 *
 * <p>Every container a test runs carries the label {@code dev.localhome.test=<this run>}; they and the image are
 * removed at exit, whatever the tests did.
 */
public final class RealEngine {
    /** What the image's httpd serves at {@code /}. */
    public static final String PAGE = "served by busybox in a container\n";
    public static final int HTTP_PORT = 8080;
    private static final String PACKAGES = "docker.io and busybox-static";
    private static final long COMMAND_SECONDS = 120;
    private static RealEngine shared;

    private final String run = HexFormat.of().formatHex(randomBytes());
    private final String image = "localhome-test-busybox:" + run;
    private final Process startedDaemon; // null: the engine was running already

    private RealEngine(Process startedDaemon) {
        this.startedDaemon = startedDaemon;
    }

    /** The engine, with the test image built; skips (or, under CI, fails) the calling test when there is none. */
    public static synchronized RealEngine require() {
        if (shared == null) {
            Process started = null;
            if (!answers()) {
                started = startDockerd();
                if (started == null) unavailable("no container engine answers (docker version) and none can be started here "
                        + "(starting dockerd needs root)");
            }
            RealEngine engine = new RealEngine(started);
            Runtime.getRuntime().addShutdownHook(new Thread(engine::cleanUp, "localhome-test-engine-cleanup"));
            engine.buildImage();
            shared = engine;
        }
        return shared;
    }

    /**
     * For a test that also needs root (a private dockerd, a network interface of its own): skips it (or, under CI,
     * fails it) for anyone else, naming {@code what}.
     */
    public static void requireRoot(String what) {
        if (!"root".equals(System.getProperty("user.name")) || !Files.isExecutable(Path.of("/usr/sbin/dockerd")))
            unavailable(what + " needs root, dockerd and ip (iproute2)");
    }

    public String image() {
        return image;
    }

    /** The label every container of this run carries, as {@code --label} takes it. */
    public String label() {
        return "dev.localhome.test=" + run;
    }

    /** {@code docker run -d} with {@code options} and this run's label, on the test image; returns the container id. */
    public String run(String... options) {
        List<String> command = new ArrayList<>(List.of("run", "-d", "--label", label()));
        command.addAll(List.of(options));
        command.add(image);
        return docker(command.toArray(String[]::new)).trim();
    }

    /** {@code docker run -d} with {@code options} and this run's label, on the test image running {@code command}. */
    public String runCommand(List<String> options, String... command) {
        List<String> arguments = new ArrayList<>(List.of("run", "-d", "--label", label()));
        arguments.addAll(options);
        arguments.add(image);
        arguments.addAll(List.of(command));
        return docker(arguments.toArray(String[]::new)).trim();
    }

    /** Removes the container, running or not. */
    public void remove(String container) {
        docker("rm", "-f", "-v", container);
    }

    /** The container's published address for {@code port}, e.g. {@code 127.0.0.1:32768}. */
    public String published(String container, int port) {
        return docker("port", container, port + "/tcp").lines().findFirst().orElseThrow().trim();
    }

    /** The container's address on the default bridge. */
    public String address(String container) {
        return docker("inspect", "-f", "{{range .NetworkSettings.Networks}}{{.IPAddress}} {{end}}", container).trim()
                .split(" ")[0];
    }

    /** Runs {@code docker args...}, returns its stdout; a failure fails the test with what docker said. */
    public static String docker(String... args) {
        List<String> command = new ArrayList<>(List.of("docker"));
        command.addAll(List.of(args));
        return command(command, null);
    }

    /** Runs {@code command}, with {@code stdin} fed to it when not null; returns its stdout. */
    public static String command(List<String> command, byte[] stdin) {
        try {
            Process process = new ProcessBuilder(command).start();
            CompletableFuture<byte[]> out = CompletableFuture.supplyAsync(() -> readAll(process.getInputStream()));
            CompletableFuture<byte[]> err = CompletableFuture.supplyAsync(() -> readAll(process.getErrorStream()));
            try (var in = process.getOutputStream()) {
                if (stdin != null) in.write(stdin);
            }
            if (!process.waitFor(COMMAND_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(command + " took longer than " + COMMAND_SECONDS + " s");
            }
            String stdout = new String(out.join(), StandardCharsets.UTF_8);
            if (process.exitValue() != 0)
                throw new IllegalStateException("%s exited %d: %s".formatted(command, process.exitValue(),
                        new String(err.join(), StandardCharsets.UTF_8).trim()));
            return stdout;
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + command + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted running " + command, e);
        }
    }

    private static byte[] readAll(InputStream stream) {
        try (stream) {
            return stream.readAllBytes();
        } catch (IOException e) {
            return new byte[0];
        }
    }

    private static boolean answers() {
        try {
            Process process = new ProcessBuilder("docker", "version", "--format", "{{.Server.Version}}")
                    .redirectErrorStream(true).start();
            process.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
            if (!process.waitFor(15, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return false;
            }
            return process.exitValue() == 0;
        } catch (IOException e) {
            return false; // no docker client at all
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** {@code dockerd}, when this user may start it; null otherwise. Waits up to 30 s for it to answer. */
    private static Process startDockerd() {
        if (!"root".equals(System.getProperty("user.name")) || !Files.isExecutable(Path.of("/usr/sbin/dockerd")))
            return null;
        try {
            Path log = Files.createTempFile("localhome-test-dockerd", ".log");
            // --iptables=false: no FORWARD DROP policy left behind for tests that route between namespaces; the
            // host still reaches containers on its bridge, and loopback-published ports go through docker-proxy
            Process dockerd = new ProcessBuilder("/usr/sbin/dockerd", "--iptables=false")
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (System.nanoTime() < deadline && dockerd.isAlive()) {
                if (answers()) return dockerd;
                dockerd.waitFor(250, TimeUnit.MILLISECONDS);
            }
            dockerd.destroy();
            dockerd.waitFor(15, TimeUnit.SECONDS);
            unavailable("dockerd did not answer within 30 s (its log: " + log + ")");
            return null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    private static void unavailable(String why) {
        String message = "container tests (dev.localhome.adapters.discovery.container, "
                + "dev.localhome.bootstrap.e2e.Container*) need a Docker engine: " + why + "; install " + PACKAGES
                + " and run them as root, or let .ci/run start the engine";
        if (System.getenv("CI") != null) fail(message + " — CI is set, so this is a failure, not a skip");
        Assumptions.abort(message);
    }

    private void buildImage() {
        Path busybox = Path.of("/bin/busybox");
        if (!Files.isExecutable(busybox)) unavailable("/bin/busybox is missing");
        try {
            Path root = Files.createTempDirectory("localhome-test-image");
            Files.createDirectories(root.resolve("bin"));
            Files.createDirectories(root.resolve("www"));
            Files.copy(busybox, root.resolve("bin/busybox"));
            Files.writeString(root.resolve("www/index.html"), PAGE);
            byte[] tarball = tarOf(root);
            command(List.of("docker", "import",
                    "-c", "CMD [\"/bin/busybox\", \"httpd\", \"-f\", \"-p\", \"" + HTTP_PORT + "\", \"-h\", \"/www\"]",
                    "-c", "EXPOSE " + HTTP_PORT + "/tcp", "-", image), tarball);
        } catch (IOException e) {
            throw new IllegalStateException("cannot build the test image: " + e.getMessage(), e);
        }
    }

    private static byte[] tarOf(Path root) throws IOException {
        try {
            Process tar = new ProcessBuilder("tar", "-C", root.toString(), "-cf", "-", ".").start();
            byte[] bytes = tar.getInputStream().readAllBytes();
            if (!tar.waitFor(COMMAND_SECONDS, TimeUnit.SECONDS) || tar.exitValue() != 0)
                throw new IOException("tar failed");
            return bytes;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    /** Removes this run's containers and image, then stops the engine if this run started it. */
    private void cleanUp() {
        try {
            String ids = docker("ps", "-aq", "--filter", "label=" + label());
            for (String id : ids.split("\\s+")) if (!id.isBlank()) docker("rm", "-f", "-v", id);
            docker("rmi", "-f", image);
        } catch (RuntimeException e) {
            System.err.println("localhome tests: cleaning up containers failed: " + e.getMessage());
        }
        if (startedDaemon != null) {
            startedDaemon.destroy();
            try {
                if (!startedDaemon.waitFor(20, TimeUnit.SECONDS)) startedDaemon.destroyForcibly();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static byte[] randomBytes() {
        byte[] bytes = new byte[4];
        ThreadLocalRandom.current().nextBytes(bytes);
        return bytes;
    }
}
