package dev.localhome.adapters.netty.forward;

import dev.localhome.adapters.netty.inbound.ProxyLimits;

import static dev.localhome.adapters.netty.testing.RawBackend.readHead;
import static dev.localhome.adapters.netty.testing.RawBackend.write;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import dev.localhome.adapters.netty.testing.LogCapture;
import dev.localhome.adapters.netty.testing.ProxyUnderTest;
import dev.localhome.adapters.netty.testing.RawBackend;
import dev.localhome.adapters.netty.testing.RawConnection;
import dev.localhome.adapters.netty.testing.TestBackend;
import dev.localhome.adapters.netty.testing.TestCa;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Backends that die, restart or trickle, and clients that leave or half-close: the client is never handed a cut-off
 * body as complete, backend connections are released, and flowing data is never cut by a timeout.
 */
class FaultsTest {
    private static final Duration SHORT_TIMEOUTS = Duration.ofSeconds(1);
    private static ProxyUnderTest proxy;

    @BeforeAll
    static void start() throws Exception {
        // Short head and idle timeouts everywhere: a test that passes here passes with the 10 s / 120 s defaults.
        proxy = new ProxyUnderTest(ProxyUnderTest.NO_CA,
                ProxyLimits.defaults().withIdleTimeout(SHORT_TIMEOUTS).withHeadTimeout(SHORT_TIMEOUTS));
    }

    @AfterAll
    static void stop() {
        proxy.close();
    }

    // --- a backend that dies mid-response ---------------------------------------------------------------------------

    @Test
    void aBackendThatDiesMidResponseClosesTheClientWithoutCompletingTheBody() throws Exception {
        try (RawBackend dying = RawBackend.start((socket, in, out) -> {
            readHead(in);
            write(out, "HTTP/1.1 200 OK\r\nContent-Type: application/octet-stream\r\nContent-Length: 1000000\r\n\r\n");
            out.write(new byte[1000]);
            out.flush();
        })) {
            proxy.services.put("dying", dying.port());
            try (RawConnection raw = new RawConnection(proxy.port())) {
                raw.send("GET /bytes?n=1000000 HTTP/1.1\r\nHost: dying.localhost\r\n\r\n");
                assertThat(raw.readHead()).startsWith("HTTP/1.1 200").containsIgnoringCase("content-length: 1000000");
                byte[] body = raw.readUntilClosed(); // throws if the proxy leaves the connection hanging
                assertThat(body.length).as("bytes before the close").isEqualTo(1000);
            }
        }
    }

    @Test
    void aChunkedResponseCutByTheBackendNeverGetsItsLastChunk() throws Exception {
        try (RawBackend dying = RawBackend.start((socket, in, out) -> {
            readHead(in);
            write(out, "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nTransfer-Encoding: chunked\r\n\r\n");
            write(out, "5\r\nhello\r\n");
        })) {
            proxy.services.put("dying-chunks", dying.port());
            try (RawConnection raw = new RawConnection(proxy.port())) {
                raw.send("GET / HTTP/1.1\r\nHost: dying-chunks.localhost\r\n\r\n");
                assertThat(raw.readHead()).startsWith("HTTP/1.1 200").containsIgnoringCase("transfer-encoding: chunked");
                String rest = new String(raw.readUntilClosed(), StandardCharsets.ISO_8859_1);
                assertThat(rest).contains("hello").doesNotContain("0\r\n\r\n");
            }
        }
    }

    // --- a client that leaves mid-upload ----------------------------------------------------------------------------

    @Test
    void aClientThatLeavesMidUploadReleasesTheBackendConnection() throws Exception {
        CountDownLatch bodyArriving = new CountDownLatch(1);
        CountDownLatch backendSawClose = new CountDownLatch(1);
        try (RawBackend sink = RawBackend.start((socket, in, out) -> {
            readHead(in);
            byte[] buffer = new byte[8192];
            try {
                while (in.read(buffer) >= 0) bodyArriving.countDown();
            } catch (SocketException reset) {
                // a reset is a close too
            }
            backendSawClose.countDown();
        })) {
            proxy.services.put("sink", sink.port());
            try (RawConnection raw = new RawConnection(proxy.port())) {
                raw.send("POST /upload HTTP/1.1\r\nHost: sink.localhost\r\nContent-Length: 1000000\r\n\r\n");
                raw.send(new byte[20_000]);
                assertThat(bodyArriving.await(5, TimeUnit.SECONDS)).as("the upload reached the backend").isTrue();
            }
            assertThat(backendSawClose.await(5, TimeUnit.SECONDS)).as("the backend connection was closed").isTrue();
        }
    }

    // --- half-closes in a WebSocket relay ---------------------------------------------------------------------------

    /** A backend that upgrades, reads until the client's EOF, then answers on its still-open side. */
    private static RawBackend upgradingBackend(Queue<String> received, CountDownLatch sawEof) throws IOException {
        return RawBackend.start((socket, in, out) -> {
            String head = readHead(in);
            String key = head.replaceAll("(?is).*sec-websocket-key: *([^\r\n]+).*", "$1").trim();
            write(out, "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                    + "Sec-WebSocket-Accept: " + accept(key) + "\r\n\r\n");
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            byte[] buffer = new byte[1024];
            for (int n; (n = in.read(buffer)) >= 0; ) bytes.write(buffer, 0, n);
            received.add(bytes.toString(StandardCharsets.ISO_8859_1));
            sawEof.countDown();
            write(out, "answer after your EOF");
            socket.shutdownOutput();
        });
    }

    private static void upgrade(RawConnection raw, String host) throws IOException {
        raw.send("GET /ws HTTP/1.1\r\nHost: " + host + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n");
        assertThat(raw.readHead()).startsWith("HTTP/1.1 101");
    }

    @Test
    void aClientThatStopsSendingOnAWebSocketReachesTheBackendAsEof() throws Exception {
        Queue<String> received = new ConcurrentLinkedQueue<>();
        CountDownLatch sawEof = new CountDownLatch(1);
        try (RawBackend backend = upgradingBackend(received, sawEof)) {
            proxy.services.put("ws-eof", backend.port());
            try (RawConnection raw = new RawConnection(proxy.port())) {
                upgrade(raw, "ws-eof.localhost");
                raw.send("last words");
                raw.socket().shutdownOutput();
                assertThat(sawEof.await(5, TimeUnit.SECONDS)).as("the backend saw EOF").isTrue();
                assertThat(received).containsExactly("last words");
            }
        }
    }

    @Test
    void aHalfClosedWebSocketStillCarriesTheBackendsAnswer() throws Exception {
        Queue<String> received = new ConcurrentLinkedQueue<>();
        CountDownLatch sawEof = new CountDownLatch(1);
        try (RawBackend backend = upgradingBackend(received, sawEof)) {
            proxy.services.put("ws-half", backend.port());
            try (RawConnection raw = new RawConnection(proxy.port())) {
                upgrade(raw, "ws-half.localhost");
                raw.send("last words");
                raw.socket().shutdownOutput();
                assertThat(sawEof.await(5, TimeUnit.SECONDS)).isTrue();
                String answer;
                try {
                    answer = new String(raw.readUntilClosed(), StandardCharsets.ISO_8859_1);
                } catch (SocketException reset) {
                    answer = "(reset: " + reset.getMessage() + ")";
                }
                assertThat(answer).isEqualTo("answer after your EOF");
            }
        }
    }

    // --- streaming and long polls -----------------------------------------------------------------------------------

    @Test
    void aStreamThatTricklesForLongerThanEveryTimeoutArrivesWhole() throws Exception {
        int events = 10;
        try (RawBackend trickle = RawBackend.start((socket, in, out) -> {
            readHead(in);
            write(out, "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nTransfer-Encoding: chunked\r\n\r\n");
            for (int i = 0; i < events; i++) {
                String event = "data: " + i + "\n\n";
                write(out, Integer.toHexString(event.length()) + "\r\n" + event + "\r\n");
                Thread.sleep(300); // the fault itself, a slow stream: 3 s in all, three times the idle and head timeouts
            }
            write(out, "0\r\n\r\n");
        })) {
            proxy.services.put("sse", trickle.port());
            try (RawConnection raw = new RawConnection(proxy.port())) {
                raw.send("GET /events HTTP/1.1\r\nHost: sse.localhost\r\nAccept: text/event-stream\r\nConnection: close\r\n\r\n");
                assertThat(raw.readHead()).startsWith("HTTP/1.1 200");
                String body = new String(raw.readUntilClosed(), StandardCharsets.ISO_8859_1);
                for (int i = 0; i < events; i++) assertThat(body).contains("data: " + i + "\n\n");
                assertThat(body).endsWith("0\r\n\r\n");
            }
        }
    }

    @Test
    void aLongPollAnsweredAfterTheIdleTimeoutIsStillAnswered() throws Exception {
        try (RawBackend slow = RawBackend.start((socket, in, out) -> {
            readHead(in);
            Thread.sleep(SHORT_TIMEOUTS.toMillis() * 2); // the fault itself: a backend that answers after the idle timeout
            write(out, "HTTP/1.1 200 OK\r\nContent-Length: 4\r\n\r\nlate");
        })) {
            proxy.services.put("poll", slow.port());
            try (RawConnection raw = new RawConnection(proxy.port())) {
                raw.send("GET /poll HTTP/1.1\r\nHost: poll.localhost\r\n\r\n");
                assertThat(raw.readHead()).startsWith("HTTP/1.1 200");
                assertThat(new String(raw.readExactly(4), StandardCharsets.ISO_8859_1)).isEqualTo("late");
            }
        }
    }

    // --- pooled connections found dead on reuse ---------------------------------------------------------------------

    private static final String OK = "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok";

    /** Answers one request per connection, keep-alive in all but deed: it closes right after, saying nothing. */
    private static RawBackend closingAfterEachResponse(AtomicInteger requests) throws IOException {
        return RawBackend.start((socket, in, out) -> {
            if (readHead(in).isEmpty()) return;
            requests.incrementAndGet();
            write(out, OK);
        });
    }

    /** Answers the first request of a connection; hangs up on the second without a word, as a stale socket does. */
    private static RawBackend hangingUpOnReuse(Queue<String> requestLines, long firstAnswerDelayMillis) throws IOException {
        return RawBackend.start((socket, in, out) -> {
            String first = readHead(in);
            if (first.isEmpty()) return;
            requestLines.add(first.substring(0, first.indexOf("\r\n")));
            Thread.sleep(firstAnswerDelayMillis); // the fault itself: a slow first answer, as the caller chose
            write(out, OK);
            String second = readHead(in);
            if (!second.isEmpty()) requestLines.add(second.substring(0, second.indexOf("\r\n")));
        });
    }

    private static void getsOk(RawConnection raw, String host, String path) throws IOException {
        raw.send("GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\n\r\n");
        String head = raw.readHead();
        assertThat(head).as("GET %s", path).startsWith("HTTP/1.1 200");
        assertThat(new String(raw.readExactly(2), StandardCharsets.ISO_8859_1)).isEqualTo("ok");
    }

    @Test
    void consecutiveGetsToABackendThatClosesAfterEachResponseAllSucceed() throws Exception {
        AtomicInteger requests = new AtomicInteger();
        try (RawBackend backend = closingAfterEachResponse(requests);
             RawConnection raw = new RawConnection(proxy.port())) {
            proxy.services.put("closer", backend.port());
            for (int i = 0; i < 20; i++) getsOk(raw, "closer.localhost", "/" + i);
            assertThat(requests).hasValue(20);
        }
    }

    @Test
    void aGetOnAPooledConnectionThatTurnsOutDeadIsRetriedOnceOnAFreshOne() throws Exception {
        Queue<String> lines = new ConcurrentLinkedQueue<>();
        try (RawBackend backend = hangingUpOnReuse(lines, 0);
             RawConnection raw = new RawConnection(proxy.port())) {
            proxy.services.put("stale", backend.port());
            for (int i = 0; i < 10; i++) getsOk(raw, "stale.localhost", "/" + i);
            // every request after the first met a dead pooled connection first, then a fresh one
            assertThat(backend.accepted()).isEqualTo(10);
            assertThat(lines).hasSize(19);
        }
    }

    @Test
    void theRetryIsOnAFreshConnectionEvenWhenOthersArePooled() throws Exception {
        Queue<String> lines = new ConcurrentLinkedQueue<>();
        int clients = 8;
        try (RawBackend backend = hangingUpOnReuse(lines, 300)) {
            proxy.services.put("stale-many", backend.port());
            List<RawConnection> raws = new ArrayList<>();
            try {
                for (int i = 0; i < clients; i++) raws.add(new RawConnection(proxy.port()));
                // at once, so the proxy opens several backend connections and then pools them all
                for (RawConnection raw : raws) raw.send("GET /first HTTP/1.1\r\nHost: stale-many.localhost\r\n\r\n");
                for (RawConnection raw : raws) {
                    assertThat(raw.readHead()).startsWith("HTTP/1.1 200");
                    raw.readExactly(2);
                }
                assertThat(backend.accepted()).isGreaterThan(2);
                // again at once: served one after another, the last clients would outlive the proxy's 1 s idle timeout
                for (RawConnection raw : raws) raw.send("GET /again HTTP/1.1\r\nHost: stale-many.localhost\r\n\r\n");
                for (RawConnection raw : raws) {
                    assertThat(raw.readHead()).startsWith("HTTP/1.1 200");
                    assertThat(new String(raw.readExactly(2), StandardCharsets.ISO_8859_1)).isEqualTo("ok");
                }
            } finally {
                for (RawConnection raw : raws) raw.close();
            }
        }
    }

    @Test
    void aPostOnADeadPooledConnectionIsNeverReplayed() throws Exception {
        Queue<String> lines = new ConcurrentLinkedQueue<>();
        try (RawBackend backend = hangingUpOnReuse(lines, 0);
             RawConnection raw = new RawConnection(proxy.port())) {
            proxy.services.put("stale-post", backend.port());
            getsOk(raw, "stale-post.localhost", "/warm-up");
            raw.send("POST /order HTTP/1.1\r\nHost: stale-post.localhost\r\nContent-Length: 0\r\n\r\n");
            assertThat(raw.readHead()).startsWith("HTTP/1.1 502");
            assertThat(lines.stream().filter(line -> line.startsWith("POST"))).hasSize(1);
        }
    }

    // --- a client that resets during the TLS handshake ---------------------------------------------------------------

    @Test
    void aResetDuringTheTlsHandshakeIsNotAnEscapedException(@TempDir Path caDirectory) throws Exception {
        TestCa ca = new TestCa(caDirectory);
        try (LogCapture logs = new LogCapture();
             TestBackend app = TestBackend.start(0, "app");
             ProxyUnderTest intercepting = new ProxyUnderTest(ca.authority())) {
            intercepting.services.put("app", app.port());
            Level before = logs.setLevel(TUNNEL_LOGGERS, Level.DEBUG);
            for (int i = 0; i < 5; i++) {
                try (RawConnection raw = new RawConnection(intercepting.port())) {
                    raw.send("CONNECT app:443 HTTP/1.1\r\nHost: app:443\r\n\r\n");
                    assertThat(raw.readHead()).startsWith("HTTP/1.1 200");
                    raw.socket().setSoLinger(true, 0); // close with a reset, as a killed browser process does
                }
            }
            // Each reset reaches the daemon as a failed tunnel, told at DEBUG; once all five are told, any WARN is in too.
            assertThat(logs.awaitMatching(5, FaultsTest::aTunnelEndedByItsClient, Duration.ofSeconds(5)))
                    .as("the daemon saw every reset: %s", logs.events().stream().map(LogCapture::describe).toList())
                    .isTrue();
            logs.setLevel(TUNNEL_LOGGERS, before);
            assertThat(logs.warnings()).isEmpty();
        }
    }

    private static final String TUNNEL_LOGGERS = "dev.localhome.adapters.netty.tunnel";

    private static boolean aTunnelEndedByItsClient(ILoggingEvent event) {
        return event.getLoggerName().startsWith(TUNNEL_LOGGERS) && event.getLevel() == Level.DEBUG
                && event.getFormattedMessage().contains("'app'");
    }

    // --- a backend restarted on another port ------------------------------------------------------------------------

    @Test
    void theRequestAfterABackendMovedToAnotherPortReachesTheNewPort() throws Exception {
        TestBackend before = TestBackend.start(0, "before");
        proxy.services.put("moving", before.port());
        try (RawConnection raw = new RawConnection(proxy.port())) {
            assertThat(get(raw, "moving.localhost")).isEqualTo("hello from before");
        }
        before.close();
        try (TestBackend after = TestBackend.start(0, "after")) {
            proxy.services.put("moving", after.port()); // what discovery reports once the server has restarted
            try (RawConnection raw = new RawConnection(proxy.port())) {
                assertThat(get(raw, "moving.localhost")).isEqualTo("hello from after");
            }
        }
    }

    @Test
    void aRequestThatFollowsAMovedBackendNamesItsNewPortInTheLocalhostHost() throws Exception {
        TestBackend before = TestBackend.start(0, "before");
        proxy.services.put("relocated", before.port());
        before.close();
        try (TestBackend after = TestBackend.start(0, "after");
             RawConnection raw = new RawConnection(proxy.port())) {
            proxy.services.put("relocated", after.port());
            raw.send("CONNECT relocated:80 HTTP/1.1\r\nHost: relocated:80\r\n\r\n");
            assertThat(raw.readHead()).startsWith("HTTP/1.1 200");
            raw.send("GET /headers HTTP/1.1\r\nHost: relocated\r\nConnection: close\r\n\r\n");
            assertThat(new String(raw.readUntilClosed(), StandardCharsets.UTF_8))
                    .startsWith("HTTP/1.1 200").contains("host: localhost:" + after.port() + "\n");
        }
    }

    @Test
    void aBackendThatStoppedForGoodIsStillA502() throws Exception {
        TestBackend gone = TestBackend.start(0, "gone");
        proxy.services.put("gone", gone.port());
        gone.close();
        try (RawConnection raw = new RawConnection(proxy.port())) {
            assertThat(get(raw, "gone.localhost")).isEqualTo("HTTP/1.1 502 Bad Gateway");
        }
    }

    private static String get(RawConnection raw, String host) throws IOException {
        raw.send("GET / HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n");
        String answer = new String(raw.readUntilClosed(), StandardCharsets.UTF_8);
        return answer.startsWith("HTTP/1.1 200") ? answer.substring(answer.indexOf("\r\n\r\n") + 4) : answer.lines().findFirst().orElse("");
    }

    private static String accept(String key) {
        try {
            MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
            byte[] digest = sha1.digest((key + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11").getBytes(StandardCharsets.US_ASCII));
            return Base64.getEncoder().encodeToString(digest);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
