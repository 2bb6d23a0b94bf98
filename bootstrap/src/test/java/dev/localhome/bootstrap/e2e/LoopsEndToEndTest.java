package dev.localhome.bootstrap.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.localhome.adapters.netty.testing.RawBackend;
import dev.localhome.adapters.netty.testing.RawConnection;
import dev.localhome.adapters.netty.testing.WsFrames;
import dev.localhome.bootstrap.config.Config;
import dev.localhome.domain.testing.Await;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The daemon never proxies to itself, and a loop costs it nothing: for each fault (its own name from {@code NAME},
 * a static mapping to its own port, two instances pointed at each other) the answer comes at once and the daemon's
 * open file descriptors return to what they were before. Descriptors are counted in {@code /proc}, of this JVM for a
 * daemon in-process, of the child for a daemon run as a process; the count is polled, with a bound, until it is back.
 */
class LoopsEndToEndTest {
    private static final int FAULTS = 20;
    private static final Duration SETTLE_BOUND = Duration.ofSeconds(10);

    @TempDir
    Path directory;

    @BeforeAll
    static void onLinux() {
        assumeThat(Path.of("/proc/self/fd")).as("descriptors are counted in /proc").isDirectory();
    }

    @Test
    void aDaemonNamedByNameInItsEnvironmentServesItsDashboardAtThatName() throws Exception {
        String name = BackendProcess.uniqueName("devhome");
        try (RunningDaemon daemon = RunningDaemon.configuredBy(directory, Map.of("NAME", name, "PORT", "0"))) {
            int port = daemon.port();
            warmUp(port);
            long before = openDescriptors();

            for (int i = 0; i < FAULTS; i++) {
                assertThat(exchange(port, get("/", name + ".localhost:" + port))).startsWith("HTTP/1.1 200")
                        .contains("localhome");
                assertThat(exchange(port, "GET http://" + name + "/ HTTP/1.1\r\nHost: " + name
                        + "\r\nConnection: close\r\n\r\n")).startsWith("HTTP/1.1 200");
            }
            assertThat(exchange(port, get("/api/services", "localhost:" + port))).doesNotContain('"' + name + '"');

            assertReturnsTo(before, LoopsEndToEndTest::openDescriptors);
        }
    }

    @Test
    void aStaticMappingToTheDaemonsOwnPortAnswers508AtOnceAndLeaksNothing() throws Exception {
        int port = freePort();
        Config config = Config.defaults().withPort(port).withServices(Map.of("loop", port));
        try (RunningDaemon daemon = RunningDaemon.withoutCa(directory, config, Map.of())) {
            warmUp(port);
            long before = openDescriptors();

            long started = System.nanoTime();
            for (int i = 0; i < FAULTS; i++)
                assertThat(exchange(port, get("/", "loop.localhost:" + port))).startsWith("HTTP/1.1 508 Loop Detected")
                        .contains("where this localhome itself listens");
            assertThat(Duration.ofNanos(System.nanoTime() - started)).as("%d loops", FAULTS)
                    .isLessThan(Duration.ofSeconds(10));
            assertThat(exchange(port, get("/api/services", "localhost:" + port))).doesNotContain("\"loop\"");

            assertReturnsTo(before, LoopsEndToEndTest::openDescriptors);
        }
    }

    @Test
    void twoInstancesPointedAtEachOtherAnswer508AtOnceAndLeakNothing() throws Exception {
        int portA = freePort();
        int portB = freePort();
        try (RunningDaemon a = RunningDaemon.withoutCa(directory.resolve("a"),
                Config.defaults().withPort(portA).withServices(Map.of("loop", portB)), Map.of());
             RunningDaemon b = RunningDaemon.withoutCa(directory.resolve("b"),
                     Config.defaults().withPort(portB).withServices(Map.of("loop", portA)), Map.of())) {
            warmUp(portA);
            warmUp(portB);
            long before = openDescriptors();

            long started = System.nanoTime();
            for (int i = 0; i < FAULTS; i++) {
                // A forwards to B, B back to A, which finds its own Via entry: the 508 travels back along the loop
                assertThat(exchange(portA, get("/", "loop.localhost:" + portA))).startsWith("HTTP/1.1 508 Loop Detected")
                        .contains("already passed through this localhome");
                assertThat(exchange(portB, get("/x", "loop.localhost:" + portB))).startsWith("HTTP/1.1 508");
            }
            assertThat(Duration.ofNanos(System.nanoTime() - started)).as("%d loops each way", FAULTS)
                    .isLessThan(Duration.ofSeconds(10));

            assertReturnsTo(before, LoopsEndToEndTest::openDescriptors);
        }
    }

    /**
     * The fault as it was reported: a real daemon process with {@code NAME} in its environment, which its own
     * process scan finds in {@code /proc} like any dev server.
     */
    @Test
    void aDaemonProcessStartedWithNameNeverListsItselfAndLeaksNothing() throws Exception {
        String name = BackendProcess.uniqueName("devhome");
        Process process = daemonProcess(Files.createDirectories(directory.resolve("home")), Map.of("NAME", name));
        try {
            int port = listeningPort(process);
            warmUp(port);
            Path fds = Path.of("/proc", String.valueOf(process.pid()), "fd");
            long before = count(fds);

            for (int i = 0; i < FAULTS; i++)
                assertThat(exchange(port, get("/", name + ".localhost:" + port))).startsWith("HTTP/1.1 200")
                        .contains("localhome");
            String services = exchange(port, get("/api/services", "localhost:" + port));

            assertThat(services).startsWith("HTTP/1.1 200").doesNotContain('"' + name + '"');
            assertReturnsTo(before, () -> count(fds));
        } finally {
            stop(process);
        }
    }

    /**
     * The WebSocket faults, against a daemon process whose descriptors are its own: a backend that dies halfway
     * through its {@code 101}, and a client that vanishes (a reset) halfway through a frame after the switch.
     */
    @Test
    void backendsThatDieMidUpgradeAndClientsThatVanishMidFrameLeaveNoDescriptorBehind() throws Exception {
        try (RawBackend diesMidUpgrade = RawBackend.start((socket, in, out) -> {
                 RawBackend.readHead(in);
                 RawBackend.write(out, "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websock");
             });
             RawBackend speaksFirst = RawBackend.start((socket, in, out) -> {
                 RawBackend.readHead(in);
                 RawBackend.write(out, "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                         + "Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r\n\r\n");
                 out.write(WsFrames.frame(WsFrames.TEXT, "hello".getBytes(StandardCharsets.UTF_8), false));
                 out.flush();
                 in.readAllBytes(); // until the proxy closes
             })) {
            Path home = Files.createDirectories(directory.resolve("ws-faults"));
            Files.writeString(home.resolve("localhome.local.json"), "{\"services\": {\"cut\": %d, \"greet\": %d}}"
                    .formatted(diesMidUpgrade.port(), speaksFirst.port()));
            Process process = daemonProcess(home, Map.of());
            try {
                int port = listeningPort(process);
                warmUp(port);
                upgrade(port, "greet").close();
                Path fds = Path.of("/proc", String.valueOf(process.pid()), "fd");
                long before = count(fds);

                for (int i = 0; i < FAULTS; i++) {
                    try (RawConnection cut = upgrade(port, "cut")) {
                        assertThat(new String(cut.readUntilClosed(), StandardCharsets.ISO_8859_1))
                                .as("a cut-off 101 is no switch: the client learns the backend failed").startsWith("HTTP/1.1 502");
                    }
                    RawConnection vanishing = upgrade(port, "greet");
                    assertThat(vanishing.readHead()).startsWith("HTTP/1.1 101");
                    assertThat(vanishing.readFramePayload()).isEqualTo("hello".getBytes(StandardCharsets.UTF_8));
                    vanishing.send(new byte[] {(byte) 0x82, (byte) 0xfe, 0x10, 0x00, 1, 2, 3, 4, 5}); // half a frame
                    vanishing.socket().setSoLinger(true, 0); // then a reset, as a killed tab's socket ends
                    vanishing.close();
                }

                assertReturnsTo(before, () -> count(fds));
            } finally {
                stop(process);
            }
        }
    }

    private static RawConnection upgrade(int port, String name) throws IOException {
        RawConnection connection = new RawConnection(port);
        connection.send("GET /ws HTTP/1.1\r\nHost: " + name + ".localhost:" + port + "\r\nUpgrade: websocket\r\n"
                + "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n");
        return connection;
    }

    /** A real daemon process on a free port, with {@code home} as its HOME and working directory and no PATH. */
    private static Process daemonProcess(Path home, Map<String, String> environment) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder = new ProcessBuilder(java, "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xmx256m",
                "-cp", System.getProperty("java.class.path"), "dev.localhome.bootstrap.Main").redirectErrorStream(true);
        builder.environment().clear(); // no PATH (no mkcert) and the test's own HOME: nothing of this machine's setup
        builder.environment().putAll(Map.of("PORT", "0", "HOME", home.toString(),
                "XDG_CONFIG_HOME", home.resolve(".config").toString(), "XDG_DATA_HOME", home.resolve(".local/share").toString(),
                "XDG_STATE_HOME", home.resolve(".local/state").toString()));
        builder.environment().putAll(environment);
        builder.directory(home.toFile());
        return builder.start();
    }

    private static void stop(Process process) throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }

    // ---------------------------------------------------------------------------------------------------------------

    /** A first request of each kind: event loops, pools and classes that exist from then on are no leak. */
    private static void warmUp(int port) throws IOException {
        assertThat(exchange(port, get("/", "localhost:" + port))).startsWith("HTTP/1.1 200");
        assertThat(exchange(port, get("/api/services", "localhost:" + port))).startsWith("HTTP/1.1 200");
    }

    private static String get(String path, String host) {
        return "GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n";
    }

    /** Sends {@code request} and reads the answer until the daemon closes. */
    private static String exchange(int port, String request) throws IOException {
        try (RawConnection connection = new RawConnection(port)) {
            connection.send(request);
            return new String(connection.readUntilClosed(), StandardCharsets.ISO_8859_1);
        }
    }

    private static void assertReturnsTo(long before, LongSupplier open) {
        AtomicLong now = new AtomicLong();
        Await.until(SETTLE_BOUND, () -> {
            now.set(open.getAsLong());
            return now.get() <= before;
        }, () -> "open descriptors " + now.get() + " after the faults, " + before + " before");
    }

    private static long openDescriptors() {
        return count(Path.of("/proc/self/fd"));
    }

    private static long count(Path fds) {
        try (Stream<Path> entries = Files.list(fds)) {
            return entries.count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A port free a moment ago: a static mapping must name the daemon's port before the daemon binds it. */
    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /** Reads the child's output (to its end, so it never blocks on a full pipe) until it says where it listens. */
    private static int listeningPort(Process process) throws Exception {
        List<String> output = new CopyOnWriteArrayList<>();
        CompletableFuture<Integer> port = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = lines.readLine()) != null) {
                    if (line.startsWith("LISTENING:")) port.complete(Integer.parseInt(line.substring(10).trim()));
                    else if (output.size() < 200) output.add(line);
                }
                port.completeExceptionally(new IOException("the daemon exited: " + output));
            } catch (IOException | RuntimeException e) {
                port.completeExceptionally(e);
            }
        }, "daemon-output");
        reader.setDaemon(true);
        reader.start();
        return port.get(30, TimeUnit.SECONDS); // a bound for a JVM's start on a busy machine, not a timing assertion
    }
}
