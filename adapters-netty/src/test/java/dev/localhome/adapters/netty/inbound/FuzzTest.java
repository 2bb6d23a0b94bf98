package dev.localhome.adapters.netty.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import dev.localhome.adapters.netty.testing.LogCapture;
import dev.localhome.adapters.netty.testing.ProxyUnderTest;
import dev.localhome.adapters.netty.testing.RawConnection;
import dev.localhome.adapters.netty.testing.TestBackend;
import dev.localhome.adapters.netty.testing.TestCa;
import io.netty.util.ResourceLeakDetector;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Supplier;
import java.util.stream.Stream;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Random and mutated request heads, {@code CONNECT} lines and TLS records at the running proxy on raw sockets: a
 * seeded mutation fuzzer (the seed of a failing try is in its message; {@code -Dlocalhome.fuzz.seed=N} replays it,
 * {@code -Dlocalhome.fuzz.tries=N} scales every run). Every
 * try ends with a response or a close, never a hang; afterwards the daemon still serves plain and intercepted
 * requests, and nothing escaped unlogged: no ERROR (a leaked buffer is one, with paranoid leak detection on), no
 * exception at the tail of a pipeline.
 *
 * <p>A try that gets no answer within {@value #QUIET_MILLIS} ms (a truncated head, a ClientHello waiting for its
 * rest) shuts its output down, as a client that gives up does; the proxy must then close within
 * {@value #HANG_MILLIS} ms.
 */
class FuzzTest {
    private static final int QUIET_MILLIS = 80;
    private static final int HANG_MILLIS = 5_000;
    private static final byte[] CRLF2 = "\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

    private static TestBackend backend;
    private static Path caDirectory;
    private static TestCa ca;
    private static ProxyUnderTest proxy;
    private static LogCapture logs;
    private static ResourceLeakDetector.Level leakLevelBefore;
    private static byte[] clientHello;

    enum Outcome { RESPONDED, CLOSED, CLOSED_AFTER_GIVING_UP }

    @BeforeAll
    static void start() throws Exception {
        leakLevelBefore = ResourceLeakDetector.getLevel();
        ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.PARANOID);
        logs = new LogCapture();
        backend = TestBackend.start(0, "app");
        caDirectory = Files.createTempDirectory("localhome-fuzz-ca");
        ca = new TestCa(caDirectory);
        proxy = new ProxyUnderTest(ca.authority());
        proxy.services.put("app", backend.port());
        clientHello = captureClientHello();
    }

    @AfterAll
    static void stop() throws IOException {
        if (proxy != null) proxy.close();
        if (backend != null) backend.close();
        if (logs != null) logs.close();
        if (leakLevelBefore != null) ResourceLeakDetector.setLevel(leakLevelBefore);
        if (caDirectory != null) try (Stream<Path> files = Files.walk(caDirectory)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }

    // --- properties ---------------------------------------------------------------------------------------------------

    @Test
    void everyMutatedRequestHeadEndsInAResponseOrAClose() throws IOException {
        check("request heads", 300, () -> mutate(requestHead(), mutations(4)), input -> exchange(input.bytes(), true));
    }

    @Test
    void anyBytesAfterConnectEndTheTunnel() throws IOException {
        check("bytes after CONNECT", 150, () -> {
            String target = pick("app:443", "app:443", "app:80", "home:443");
            byte[] payload = noise();
            return withTarget(target, payload);
        }, FuzzTest::tunnel);
    }

    @Test
    void aGarbledClientHelloEndsTheTunnel() throws IOException {
        check("garbled ClientHellos", 150, () -> withTarget("app:443", mutate(clientHello, mutations(3))), FuzzTest::tunnel);
    }

    /** After each property: the daemon still serves, and no failure escaped unlogged. */
    @AfterEach
    void theDaemonStillServesAndNothingEscaped() throws Exception {
        System.gc(); // leaked buffers are reported when the detector next tracks an allocation: the requests below
        try (RawConnection raw = new RawConnection(proxy.port())) {
            raw.send("GET / HTTP/1.1\r\nHost: app.localhost\r\n\r\n");
            assertThat(raw.readHead()).startsWith("HTTP/1.1 200");
            assertThat(new String(raw.readExactly("hello from app".length()), StandardCharsets.UTF_8)).isEqualTo("hello from app");
        }
        HttpClient https = ca.clientThrough(proxy.port()).connectTimeout(Duration.ofSeconds(5)).build();
        HttpResponse<String> intercepted = https.send(HttpRequest.newBuilder(URI.create("https://app/headers"))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(intercepted.statusCode()).isEqualTo(200);
        assertThat(logs.escapedFailures()).as("failures that escaped").isEmpty();
        assertThat(logs.warnings()).as("warnings").isEmpty();
        logs.clear();
    }

    /** A try's input, and what it is sent with: for a tunnel, the CONNECT target and whether it rides along. */
    record Input(byte[] bytes, String target, boolean withTheConnect) {
        @Override
        public String toString() {
            String text = new String(bytes, StandardCharsets.ISO_8859_1);
            String shown = text.length() > 600 ? text.substring(0, 600) + "... (" + text.length() + " bytes)" : text;
            return (target == null ? "" : "CONNECT " + target + (withTheConnect ? " + at once: " : " + after the 200: "))
                    + shown.replace("\r", "\\r").replace("\n", "\\n").replace("\0", "\\0")
                    + (bytes.length <= 2_000 ? "  hex: " + HexFormat.of().formatHex(bytes) : "");
        }
    }

    @FunctionalInterface
    interface Try {
        Outcome run(Input input) throws IOException;
    }

    private Input withTarget(String target, byte[] payload) {
        return new Input(payload, target, random.nextBoolean());
    }

    /**
     * Runs {@code tries} inputs from {@code inputs}; the first failing one fails the test with the seed that
     * reproduces it ({@code -Dlocalhome.fuzz.seed=...}).
     */
    private void check(String what, int tries, Supplier<Object> inputs, Try attempt) throws IOException {
        Map<Outcome, Integer> outcomes = new EnumMap<>(Outcome.class);
        int count = Integer.getInteger("localhome.fuzz.tries", tries);
        for (int i = 0; i < count; i++) {
            Object generated = inputs.get();
            Input input = generated instanceof Input in ? in : new Input((byte[]) generated, null, false);
            Outcome outcome;
            try {
                outcome = attempt.run(input);
            } catch (IOException | AssertionError | RuntimeException e) {
                throw new AssertionError("%s: try %d of seed %d (-Dlocalhome.fuzz.seed=%d) failed: %s%n  input: %s"
                        .formatted(what, i, seed, seed, e, input), e);
            }
            outcomes.merge(outcome, 1, Integer::sum);
        }
        System.out.printf("fuzz %s, seed %d: %s%n", what, seed, outcomes);
    }

    // --- generators ---------------------------------------------------------------------------------------------------

    private final long seed = Long.getLong("localhome.fuzz.seed", System.nanoTime());
    private final Random random = new Random(seed);

    @SafeVarargs
    private <T> T pick(T... choices) {
        return choices[random.nextInt(choices.length)];
    }

    private String printable(int maxLength) {
        StringBuilder text = new StringBuilder();
        for (int i = random.nextInt(maxLength + 1); i > 0; i--) text.append((char) ('!' + random.nextInt('~' - '!' + 1)));
        return text.toString();
    }

    private byte[] requestHead() {
        String method = random.nextInt(8) == 0 ? printable(12)
                : pick("GET", "HEAD", "POST", "PUT", "DELETE", "OPTIONS", "PATCH", "CONNECT", "TRACE", "PRI", "get");
        String target = random.nextInt(8) == 0 ? "/" + printable(40)
                : pick("/", "/headers", "/bytes?n=5000", "/bytes?n=300&close=1", "/upload", "/gzip", "/ws", "/hang-up",
                        "*", "//", "/../../../etc/passwd", "/%2e%2e/%2e%2e/etc/passwd", "/api/services", "/api/status",
                        "/proxy.pac", "http://app/x", "http://app:80/headers", "http://nope/", "http://example.com/",
                        "http://127.0.0.1:" + backend.port() + "/", "http://[::1]/", "http://home/", "https://app/",
                        "app:443", "app:80", "home:443", "nope:443", "example.com:443", "127.0.0.1:443", "app",
                        "user@app:443", "app:443:1", "http://user:pass@app/");
        String version = pick("HTTP/1.1", "HTTP/1.1", "HTTP/1.1", "HTTP/1.0", "HTTP/2.0", "HTTP/1.2", "http/1.1", "");
        String host = pick("app.localhost", "app.localhost:" + proxy.port(), "localhost", "127.0.0.1", "[::1]", "home",
                "app", "nope.localhost", "evil.com", "app.localhost.evil.com", "", "app:443", "a..b.localhost");
        StringBuilder head = new StringBuilder(method).append(' ').append(target).append(' ').append(version).append("\r\n");
        if (!host.isEmpty()) head.append("Host: ").append(host).append("\r\n");
        for (int i = random.nextInt(6); i > 0; i--) {
            head.append(pick("Connection: close", "Connection: keep-alive", "Connection: Upgrade", "Upgrade: websocket",
                    "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==", "Sec-WebSocket-Version: 13", "Content-Length: 5",
                    "Content-Length: 0", "Content-Length: -1", "Content-Length: 99999999999999999999", "Transfer-Encoding: chunked",
                    "Transfer-Encoding: gzip, chunked", "Transfer-Encoding: identity", "Expect: 100-continue",
                    "Origin: http://evil.com", "Sec-Fetch-Site: cross-site", "Authorization: Bearer abc", "Cookie: a=b",
                    "Host: second.localhost", "X-Forwarded-For: 10.0.0.1", "Proxy-Connection: keep-alive", "Upgrade: h2c",
                    "HTTP2-Settings: AAMAAABkAARAAAAAAAIAAAAA", "Accept-Encoding: gzip")).append("\r\n");
        }
        head.append("\r\n").append(pick("", "", "hello", "0\r\n\r\n", "5\r\nhello\r\n0\r\n\r\n", "zz\r\n", "GET / HTTP/1.1\r\n\r\n"));
        return head.toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    private byte[] noise() {
        if (random.nextInt(4) == 0) {
            return pick("GET / HTTP/1.1\r\nHost: x\r\n\r\n", "\u0016\u0003\u0001\u0000", "\u0016\u0003\u0003\u00ff\u00ff",
                    "SSH-2.0-OpenSSH_9.0\r\n", "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n", "\u0080\u0001\u0000\u0000")
                    .getBytes(StandardCharsets.ISO_8859_1);
        }
        byte[] bytes = new byte[1 + random.nextInt(2_000)];
        random.nextBytes(bytes);
        return bytes;
    }

    /** One change to a byte string: a kind, where (a fraction of its length), a byte, a size. */
    record Mutation(int kind, double at, byte value, int size) {}

    private List<Mutation> mutations(int most) {
        List<Mutation> list = new ArrayList<>();
        for (int i = random.nextInt(most + 1); i > 0; i--) {
            byte value = random.nextBoolean() ? (byte) random.nextInt(256)
                    : pick((byte) '\r', (byte) '\n', (byte) 0, (byte) ' ', (byte) ':', (byte) '\t', (byte) 0x7f,
                            (byte) 0x80, (byte) 0xff, (byte) 0xc3, (byte) 0x16, (byte) 0x03);
            list.add(new Mutation(random.nextInt(10), random.nextDouble(), value, 1 + random.nextInt(300)));
        }
        return list;
    }

    static byte[] mutate(byte[] original, List<Mutation> mutations) {
        List<Byte> bytes = new ArrayList<>(original.length);
        for (byte b : original) bytes.add(b);
        for (Mutation m : mutations) {
            int at = (int) Math.min(bytes.size(), Math.floor(m.at() * (bytes.size() + 1)));
            switch (m.kind()) {
                case 0 -> bytes.add(at, m.value()); // insert a byte: CR, LF, NUL, high bytes...
                case 1 -> { if (at < bytes.size()) bytes.set(at, m.value()); } // overwrite a byte
                case 2 -> bytes.subList(at, Math.min(bytes.size(), at + m.size())).clear(); // cut a range out
                case 3 -> bytes.subList(at, bytes.size()).clear(); // truncate
                case 4 -> { // repeat a range (a duplicated header line, a second record)
                    List<Byte> range = new ArrayList<>(bytes.subList(at, Math.min(bytes.size(), at + m.size())));
                    bytes.addAll(at, range);
                }
                case 5 -> { // a huge run: an oversized value or record
                    List<Byte> run = new ArrayList<>();
                    for (int i = 0; i < m.size() * 300; i++) run.add(m.value() == '\n' ? (byte) 'a' : m.value());
                    bytes.addAll(at, run);
                }
                case 6 -> { // many header fields
                    List<Byte> fields = new ArrayList<>();
                    for (int i = 0; i < m.size(); i++) for (byte b : ("X-F" + i + ": v\r\n").getBytes(StandardCharsets.US_ASCII)) fields.add(b);
                    bytes.addAll(at, fields);
                }
                case 7 -> { if (bytes.size() > 4) { bytes.set(3, m.value()); bytes.set(4, (byte) m.size()); } } // TLS record length
                case 8 -> { if (bytes.size() > 8) { bytes.set(6, m.value()); bytes.set(7, (byte) m.size()); } } // handshake length
                default -> replaceSni(bytes); // SNI for another host (ClientHello), or a harmless no-op
            }
        }
        byte[] out = new byte[bytes.size()];
        for (int i = 0; i < out.length; i++) out[i] = bytes.get(i);
        return out;
    }

    /** {@code 00 03 'a' 'p' 'p'} (the SNI name of the captured ClientHello) becomes {@code 'e' 'v' 'l'}. */
    private static void replaceSni(List<Byte> bytes) {
        for (int i = 0; i + 4 < bytes.size(); i++) {
            if (bytes.get(i) == 0 && bytes.get(i + 1) == 3 && bytes.get(i + 2) == 'a' && bytes.get(i + 3) == 'p' && bytes.get(i + 4) == 'p') {
                bytes.set(i + 2, (byte) 'e');
                bytes.set(i + 3, (byte) 'v');
                bytes.set(i + 4, (byte) 'l');
                return;
            }
        }
    }

    // --- the client side ----------------------------------------------------------------------------------------------

    private static Outcome exchange(byte[] request, boolean aResponseEndsIt) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), proxy.port()), 2_000);
            try {
                socket.getOutputStream().write(request);
                socket.getOutputStream().flush();
            } catch (SocketException closedWhileWriting) {
                return Outcome.CLOSED; // the proxy gave up on the request before it was all sent (431, 414, 400)
            }
            return awaitEnd(socket, aResponseEndsIt, new ByteArrayOutputStream());
        }
    }

    private static Outcome tunnel(Input input) throws IOException {
        return tunnel(input.target(), input.bytes(), input.withTheConnect());
    }

    private static Outcome tunnel(String target, byte[] payload, boolean withTheConnect) throws IOException {
        byte[] connect = ("CONNECT " + target + " HTTP/1.1\r\nHost: " + target + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        if (withTheConnect) { // the way Chrome sends a ClientHello right behind the CONNECT
            byte[] both = Arrays.copyOf(connect, connect.length + payload.length);
            System.arraycopy(payload, 0, both, connect.length, payload.length);
            return exchange(both, false);
        }
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), proxy.port()), 2_000);
            socket.setSoTimeout(HANG_MILLIS);
            socket.getOutputStream().write(connect);
            ByteArrayOutputStream established = new ByteArrayOutputStream();
            InputStream in = socket.getInputStream();
            while (indexOf(established.toByteArray(), CRLF2) < 0) {
                int b = in.read();
                if (b < 0) throw new AssertionError("CONNECT " + target + " was closed: " + established);
                established.write(b);
            }
            assertThat(established.toString(StandardCharsets.ISO_8859_1)).startsWith("HTTP/1.1 200");
            try {
                socket.getOutputStream().write(payload);
            } catch (SocketException closedWhileWriting) {
                return Outcome.CLOSED;
            }
            return awaitEnd(socket, false, new ByteArrayOutputStream());
        }
    }

    private static Outcome awaitEnd(Socket socket, boolean aResponseEndsIt, ByteArrayOutputStream received) throws IOException {
        InputStream in = socket.getInputStream();
        socket.setSoTimeout(QUIET_MILLIS);
        boolean gaveUp = false;
        byte[] buffer = new byte[16 * 1024];
        while (true) {
            try {
                int n = in.read(buffer);
                if (n < 0) return gaveUp ? Outcome.CLOSED_AFTER_GIVING_UP : Outcome.CLOSED;
                received.write(buffer, 0, n);
                if (aResponseEndsIt && indexOf(received.toByteArray(), CRLF2) >= 0) {
                    assertThat(received.toString(StandardCharsets.ISO_8859_1)).startsWith("HTTP/1.");
                    return Outcome.RESPONDED;
                }
            } catch (SocketTimeoutException quiet) {
                if (gaveUp) throw new AssertionError("hang: the proxy neither answered nor closed within "
                        + HANG_MILLIS + " ms after the client gave up; received: " + received.toString(StandardCharsets.ISO_8859_1));
                socket.shutdownOutput();
                socket.setSoTimeout(HANG_MILLIS);
                gaveUp = true;
            } catch (SocketException reset) {
                return Outcome.CLOSED;
            }
        }
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) if (haystack[i + j] != needle[j]) continue outer;
            return i;
        }
        return -1;
    }

    /** The first TLS record a JDK client sends for {@code https://app/}: its ClientHello, with SNI and ALPN. */
    private static byte[] captureClientHello() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            SSLContext tls = SSLContext.getDefault();
            Thread client = new Thread(() -> {
                try (SSLSocket socket = (SSLSocket) tls.getSocketFactory()
                        .createSocket(InetAddress.getLoopbackAddress(), server.getLocalPort())) {
                    SSLParameters parameters = socket.getSSLParameters();
                    parameters.setServerNames(List.of(new SNIHostName("app")));
                    parameters.setApplicationProtocols(new String[] {"h2", "http/1.1"});
                    socket.setSSLParameters(parameters);
                    socket.setSoTimeout(5_000);
                    socket.startHandshake();
                } catch (IOException expected) {
                    // the capturing side hangs up after the first record
                }
            }, "client-hello-capture");
            client.start();
            try (Socket peer = server.accept()) {
                peer.setSoTimeout(5_000);
                DataInputStream in = new DataInputStream(peer.getInputStream());
                byte[] header = new byte[5];
                in.readFully(header);
                byte[] body = new byte[((header[3] & 0xff) << 8) | (header[4] & 0xff)];
                in.readFully(body);
                byte[] record = Arrays.copyOf(header, 5 + body.length);
                System.arraycopy(body, 0, record, 5, body.length);
                assertThat(record[0]).as("a handshake record").isEqualTo((byte) 0x16);
                return record;
            } finally {
                client.join(10_000);
            }
        }
    }
}
