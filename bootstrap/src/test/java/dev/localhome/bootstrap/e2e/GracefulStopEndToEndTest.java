package dev.localhome.bootstrap.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.localhome.adapters.netty.backend.BackendPool;
import dev.localhome.adapters.netty.testing.Await;
import dev.localhome.adapters.netty.testing.RawConnection;
import dev.localhome.adapters.netty.testing.TestBackend;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A stop (SIGTERM: {@code kill}, systemd, launchd, a {@code localhome install} upgrade) in the middle of a response,
 * with the daemon and the dev server as real processes: the response arrives whole, new connections are refused
 * from the signal on, an idle keep-alive connection is closed at once, and the daemon exits once the last exchange
 * has ended, long before its grace period is up. A WebSocket gets a close frame with code 1001 (going away). A
 * second signal stops at once.
 *
 * <p>The response is {@code TestBackend}'s {@code /slow}: its head at once, then a piece every 750 ms, about 3 s in
 * all; the signal goes out once the first piece has arrived. Nothing here measures time: the assertions are about
 * order (refused before the body ended; exited after it) and about the grace period (30 s) not being waited for.
 */
class GracefulStopEndToEndTest {
    private static final int PIECES = 4;
    private static final String SLOW = "/slow?pieces=" + PIECES + "&every=750";
    /** Far longer than the exchange: exiting within {@link #EXITS_WITHIN} shows the daemon did not wait for it. */
    private static final int GRACE_SECONDS = 30;
    private static final Duration EXITS_WITHIN = Duration.ofSeconds(15);
    private static final Duration BOUND = Duration.ofSeconds(20);

    @TempDir
    Path directory;
    private static BackendProcess app;
    private DaemonProcess daemon;

    @BeforeAll
    static void startBackend() throws IOException {
        app = BackendProcess.start(BackendProcess.uniqueName("slow"));
    }

    @AfterAll
    static void stopBackend() {
        if (app != null) app.close();
    }

    @AfterEach
    void stopDaemon() throws InterruptedException {
        if (daemon != null) daemon.close();
    }

    private DaemonProcess startDaemon() throws IOException {
        daemon = DaemonProcess.start(directory, "{\"stopGraceSeconds\": " + GRACE_SECONDS + "}");
        return daemon;
    }

    @Test
    void aResponseByHostSurvivesTheSignalAndAnIdleKeepAliveConnectionIsClosedAtOnce() throws Exception {
        startDaemon();
        try (RawConnection idle = new RawConnection(daemon.port()); RawConnection slow = new RawConnection(daemon.port())) {
            String host = app.name() + ".localhost:" + daemon.port();
            Http1.Response first = Http1.get(idle.socket().getInputStream(), idle.socket().getOutputStream(), host, "/");
            assertThat(first.status()).isEqualTo(200);
            InputStream body = startSlowRequest(slow.socket(), host);

            String firstPiece = readLine(body);
            daemon.terminate();

            assertThat(idle.socket().getInputStream().read()).as("the idle keep-alive connection closes at once").isEqualTo(-1);
            assertNewConnectionsAreRefused();
            assertThat(daemon.isAlive()).as("alive while the exchange is in flight").isTrue();
            assertThat(firstPiece + readRest(body)).isEqualTo(TestBackend.slowBody(PIECES));
        }
        assertThat(daemon.awaitExit(EXITS_WITHIN)).as("a signal is a clean exit").isZero();
    }

    @Test
    void aResponseInConnect80SurvivesTheSignal() throws Exception {
        startDaemon();
        try (RawConnection tunnel = Tunnels.open(daemon.port(), app.name() + ":80")) {
            InputStream body = startSlowRequest(tunnel.socket(), app.name());

            String firstPiece = readLine(body);
            daemon.terminate();

            assertNewConnectionsAreRefused();
            assertThat(firstPiece + readRest(body)).isEqualTo(TestBackend.slowBody(PIECES));
        }
        assertThat(daemon.awaitExit(EXITS_WITHIN)).isZero();
    }

    @Test
    void anInterceptedHttp11ResponseSurvivesTheSignal() throws Exception {
        interceptedResponseSurvivesTheSignal(HttpClient.Version.HTTP_1_1);
    }

    /**
     * curl, not the JDK client: the JDK 17 client fails every stream of a connection at a GOAWAY, even those the
     * server promised to finish (RFC 9113 §6.8), which browsers and curl do not.
     */
    @Test
    void anInterceptedH2ResponseSurvivesTheSignal() throws Exception {
        startDaemon();
        Process curl = new ProcessBuilder("curl", "--verbose", "--silent", "--show-error", "--no-buffer", "--max-time", "30",
                "--http2", "--proxy", "http://127.0.0.1:" + daemon.port(), "--cacert", daemon.rootPem().toString(),
                "--write-out", "%{http_version}", "https://" + app.name() + SLOW)
                .redirectError(directory.resolve("curl.err").toFile()).start();
        String body;
        try (InputStream out = curl.getInputStream()) {
            String firstPiece = readLine(out);
            daemon.terminate();

            assertNewConnectionsAreRefused();
            body = firstPiece + new String(out.readAllBytes(), StandardCharsets.UTF_8);
        } finally {
            curl.destroy();
        }
        int exit = daemon.awaitExit(EXITS_WITHIN);
        assertThat(body).as("the body, then the version curl spoke; curl said %s; the daemon logged %s",
                        java.nio.file.Files.readString(directory.resolve("curl.err")), daemon.log())
                .isEqualTo(TestBackend.slowBody(PIECES) + "2");
        assertThat(exit).isZero();
        assertThat(curl.waitFor()).isZero();
    }

    /**
     * h2 streams beyond the backend connection cap wait in the daemon's queue for a connection; a stop lets them
     * have their turn, as its GOAWAY promised them (RFC 9113 §6.8): each gets its whole answer, then the daemon exits.
     * curl multiplexes them on one connection ({@code --parallel}); the JDK 17 client would fail them at the GOAWAY.
     */
    @Test
    void interceptedH2StreamsQueuedBeyondTheConnectionCapGetTheirWholeAnswersAfterTheSignal() throws Exception {
        startDaemon();
        int streams = BackendPool.CONNECTIONS_PER_ENDPOINT + 4;
        List<String> command = new ArrayList<>(List.of("curl", "--silent", "--show-error", "--max-time", "40", "--http2",
                "--parallel", "--parallel-max", String.valueOf(streams), "--proxy", "http://127.0.0.1:" + daemon.port(),
                "--cacert", daemon.rootPem().toString()));
        for (int i = 0; i < streams; i++)
            command.addAll(List.of("--output", directory.resolve("body-" + i).toString(), "https://" + app.name() + SLOW + "&i=" + i));
        Process curl = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(directory.resolve("curl.out").toFile()).start();
        try {
            Await.until("a first piece arrived", BOUND, () -> java.nio.file.Files.exists(directory.resolve("body-0"))
                    && java.nio.file.Files.size(directory.resolve("body-0")) > 0);
            daemon.terminate(); // the first answers are under way; the last streams still wait for a connection

            assertThat(curl.waitFor(40, java.util.concurrent.TimeUnit.SECONDS)).as("curl ended").isTrue();
            assertThat(curl.exitValue()).as("curl's exit; it said %s", java.nio.file.Files.readString(directory.resolve("curl.out"))).isZero();
        } finally {
            curl.destroy();
        }
        for (int i = 0; i < streams; i++)
            assertThat(directory.resolve("body-" + i)).as("answer %d", i).hasContent(TestBackend.slowBody(PIECES));
        assertThat(daemon.awaitExit(EXITS_WITHIN)).isZero();
    }

    private void interceptedResponseSurvivesTheSignal(HttpClient.Version version) throws Exception {
        startDaemon();
        HttpResponse<InputStream> response = daemon.browser(version).send(HttpRequest.newBuilder(
                URI.create("https://" + app.name() + SLOW)).timeout(BOUND).build(), HttpResponse.BodyHandlers.ofInputStream());
        assertThat(response.version()).isEqualTo(version);
        try (InputStream body = response.body()) {
            String firstPiece = readLine(body);
            daemon.terminate();

            assertNewConnectionsAreRefused();
            assertThat(firstPiece + readRest(body)).isEqualTo(TestBackend.slowBody(PIECES));
        }
        assertThat(daemon.awaitExit(EXITS_WITHIN)).isZero();
    }

    @Test
    void aWebSocketGetsCloseCode1001AndTheDaemonExits() throws Exception {
        startDaemon();
        URI uri = URI.create("ws://127.0.0.1:" + daemon.port() + "/ws");
        try (PeerSocket ws = PeerSocket.open(HttpClient.newHttpClient(), uri,
                Optional.of(app.name() + ".localhost:" + daemon.port()), List.of())) {
            assertThat(ws.send("before the stop").nextText()).isEqualTo("before the stop");

            daemon.terminate();

            PeerSocket.End end = ws.awaitEnd();
            assertThat(end.error()).isEmpty();
            assertThat(end.code()).as("going away").isEqualTo(1001);
        }
        assertThat(daemon.awaitExit(EXITS_WITHIN)).isZero();
    }

    @Test
    void aSecondSignalStopsAtOnceWithoutWaitingForTheExchange() throws Exception {
        startDaemon();
        try (RawConnection slow = new RawConnection(daemon.port())) {
            InputStream body = startSlowRequest(slow.socket(), app.name() + ".localhost:" + daemon.port());
            String firstPiece = readLine(body);
            daemon.terminate();
            assertNewConnectionsAreRefused(); // the first signal has been handled: the stop is under way

            daemon.terminate();

            assertThat(daemon.awaitExit(EXITS_WITHIN)).as("128 + SIGTERM").isEqualTo(143);
            assertThat(firstPiece + readRest(body)).as("cut").isNotEqualTo(TestBackend.slowBody(PIECES));
        }
    }

    /** Sends {@code GET /slow} on {@code socket}, reads its head (200), and returns the stream of its body. */
    private static InputStream startSlowRequest(Socket socket, String host) throws IOException {
        socket.setSoTimeout((int) BOUND.toMillis());
        OutputStream out = socket.getOutputStream();
        out.write(("GET " + SLOW + " HTTP/1.1\r\nHost: " + host + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        InputStream in = socket.getInputStream();
        String head = Http1.readHead(in);
        assertThat(head).startsWith("HTTP/1.1 200");
        return in;
    }

    private void assertNewConnectionsAreRefused() throws InterruptedException {
        long deadline = System.nanoTime() + BOUND.toNanos();
        while (true) {
            try (Socket probe = new Socket()) {
                probe.connect(new InetSocketAddress("127.0.0.1", daemon.port()), 1_000);
            } catch (ConnectException refused) {
                return;
            } catch (IOException other) {
                // a timeout or reset while the listener goes: try again
            }
            if (System.nanoTime() > deadline) throw new AssertionError("still accepting " + BOUND + " after the signal");
            Thread.sleep(20); // pacing the probes, not a timing assertion
        }
    }

    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != -1) {
            line.write(b);
            if (b == '\n') break;
        }
        return line.toString(StandardCharsets.UTF_8);
    }

    /** Up to the end of the body: its last piece ends with {@code end\n}, or the connection ends first. */
    private static String readRest(InputStream in) throws IOException {
        StringBuilder rest = new StringBuilder();
        try {
            while (!rest.toString().endsWith("end\n")) {
                String line = readLine(in);
                if (line.isEmpty()) break;
                rest.append(line);
            }
        } catch (IOException cut) {
            // the connection was cut: what arrived is what the test compares
        }
        return rest.toString();
    }
}
