package dev.localhome.adapters.netty.forward;

import static org.assertj.core.api.Assertions.assertThat;

import dev.localhome.adapters.netty.testing.RawConnection;
import dev.localhome.adapters.netty.testing.TestBackend;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import dev.localhome.adapters.netty.testing.ProxyFixture;

/** The reverse proxy by {@code Host: <name>.localhost}, against a real backend on loopback. */
class ReverseProxyTest {
    private static final long BIG = 64L * 1024 * 1024;
    @RegisterExtension
    static final ProxyFixture fixture = ProxyFixture.withoutCa().backend("app", () -> TestBackend.start(0, "app"), TestBackend::port);
    private static final HttpClient client = HttpClient.newHttpClient();

    private HttpRequest.Builder request(String host, String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + fixture.port() + path)).header("Host", host);
    }

    private String appHost() {
        return "app.localhost:" + fixture.port();
    }

    @Test
    void forwardsToTheNamedServiceKeepingHostAndAddingForwardedHeaders() throws Exception {
        HttpResponse<String> response = client.send(request(appHost(), "/headers?x=1").build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body())
                .startsWith("GET /headers?x=1\n")
                .contains("host: " + appHost() + "\n")
                .contains("x-forwarded-host: " + appHost() + "\n")
                .contains("x-forwarded-proto: http\n")
                .contains("x-forwarded-for: 127.0.0.1\n");
    }

    @Test
    void aServiceThatStartedAMomentAgoAnswersTheFirstRequest() throws Exception {
        try (TestBackend late = TestBackend.start(0, "late")) {
            fixture.proxy().services.put("late", late.port());
            HttpResponse<String> response = client.send(request("late.localhost", "/").build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.body()).isEqualTo("hello from late");
        } finally {
            fixture.proxy().services.remove("late");
        }
    }

    @Test
    void keepsOneClientConnectionForManyRequests() throws Exception {
        try (RawConnection raw = new RawConnection(fixture.port())) {
            for (int i = 0; i < 5; i++) {
                raw.send("GET / HTTP/1.1\r\nHost: " + appHost() + "\r\n\r\n");
                String head = raw.readHead();
                assertThat(head).startsWith("HTTP/1.1 200");
                assertThat(new String(raw.readExactly("hello from app".length()), StandardCharsets.US_ASCII)).isEqualTo("hello from app");
            }
        }
    }

    @Test
    void streamsA64MegabyteDownloadIntact() throws Exception {
        HttpResponse<InputStream> response = client.send(request(appHost(), "/bytes?n=" + BIG).build(), HttpResponse.BodyHandlers.ofInputStream());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(TestBackend.countPatternBytes(response.body())).isEqualTo(BIG);
    }

    @Test
    void rechunksABodyThatEndsWhenTheBackendCloses() throws Exception {
        HttpResponse<InputStream> response = client.send(request(appHost(), "/bytes?close=1&n=" + 300_000).build(), HttpResponse.BodyHandlers.ofInputStream());
        assertThat(response.headers().firstValue("transfer-encoding")).hasValue("chunked");
        assertThat(TestBackend.countPatternBytes(response.body())).isEqualTo(300_000);
    }

    @Test
    void streamsA64MegabyteUploadIntact() throws Exception {
        MessageDigest expected = MessageDigest.getInstance("SHA-256");
        byte[] piece = new byte[1 << 20];
        for (int i = 0; i < piece.length; i++) piece[i] = TestBackend.byteAt(i);
        for (int i = 0; i < 64; i++) expected.update(piece);
        HttpRequest upload = request(appHost(), "/upload")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new RepeatingStream(piece, 64)))
                .build();

        HttpResponse<String> response = client.send(upload, HttpResponse.BodyHandlers.ofString());

        assertThat(response.body()).isEqualTo(BIG + " " + HexFormat.of().formatHex(expected.digest()));
    }

    @Test
    void honoursExpectContinue() throws Exception {
        HttpRequest upload = request(appHost(), "/upload").expectContinue(true)
                .POST(HttpRequest.BodyPublishers.ofString("abc")).build();
        HttpResponse<String> response = client.send(upload, HttpResponse.BodyHandlers.ofString());
        assertThat(response.body()).startsWith("3 ba7816bf");
    }

    @Test
    void answersHeadWithoutABody() throws Exception {
        HttpResponse<String> response = client.send(request(appHost(), "/bytes?n=1000").method("HEAD", HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("content-length")).hasValue("1000");
        assertThat(response.body()).isEmpty();
    }

    @Test
    void passesCompressedBodiesThroughByteExact() throws Exception {
        HttpResponse<byte[]> response = client.send(request(appHost(), "/gzip").build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(response.headers().firstValue("content-encoding")).hasValue("gzip");
        assertThat(response.body()).isEqualTo(TestBackend.GZIPPED_HELLO);
    }

    @Test
    void relaysAWebSocketAfterTheUpgrade() throws Exception {
        try (RawConnection raw = new RawConnection(fixture.port())) {
            raw.send("GET /ws HTTP/1.1\r\nHost: " + appHost() + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                    + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n");
            assertThat(raw.readHead()).startsWith("HTTP/1.1 101").containsIgnoringCase("upgrade: websocket");
            for (int i = 0; i < 3; i++) {
                raw.sendFrame(0x1, ("message " + i).getBytes(StandardCharsets.UTF_8));
                assertThat(new String(raw.readFramePayload(), StandardCharsets.UTF_8)).isEqualTo("message " + i);
            }
            byte[] binary = new byte[1000];
            for (int i = 0; i < binary.length; i++) binary[i] = (byte) i;
            raw.sendFrame(0x2, binary);
            assertThat(raw.readFramePayload()).isEqualTo(binary);
        }
    }

    @Test
    void unknownNameGetsA404NamingTheRunningServices() throws Exception {
        HttpResponse<String> response = client.send(request("nope.localhost:" + fixture.port(), "/").build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.body()).contains("nope").contains("NAME=nope").contains("app.localhost");
    }

    @Test
    void foreignHostIsForbidden() throws Exception {
        HttpResponse<String> response = client.send(request("evil.com", "/").build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.body()).contains("evil.com").contains("DNS rebinding");
    }

    @Test
    void backendThatRefusesGetsA502NamingServiceAndPort() throws Exception {
        int closedPort;
        try (ServerSocket free = new ServerSocket(0)) {
            closedPort = free.getLocalPort();
        }
        fixture.proxy().services.put("gone", closedPort);
        try {
            HttpResponse<String> response = client.send(request("gone.localhost", "/").build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(502);
            assertThat(response.body()).contains("gone").contains(":" + closedPort).contains("refused");
        } finally {
            fixture.proxy().services.remove("gone");
        }
    }

    @Test
    void backendThatHangsUpWithoutAnsweringGetsA502() throws Exception {
        HttpResponse<String> response = client.send(request(appHost(), "/hang-up").build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(502);
    }

    @Test
    void aPlainBackendWhoseFirstAnswerIsAHangUpStaysPlain() throws Exception {
        try (TestBackend fresh = TestBackend.start(0, "fresh")) {
            fixture.proxy().services.put("fresh", fresh.port());
            HttpResponse<String> hangUp = client.send(request("fresh.localhost", "/hang-up").build(), HttpResponse.BodyHandlers.ofString());
            HttpResponse<String> next = client.send(request("fresh.localhost", "/").build(), HttpResponse.BodyHandlers.ofString());
            assertThat(hangUp.statusCode()).isEqualTo(502);
            assertThat(next.body()).isEqualTo("hello from fresh");
        } finally {
            fixture.proxy().services.remove("fresh");
        }
    }

    @Test
    void servesDashboardPacAndApiAtLocalhost() throws Exception {
        String local = "localhost:" + fixture.port();
        HttpResponse<String> dashboard = client.send(request(local, "/").build(), HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> pac = client.send(request("127.0.0.1:" + fixture.port(), "/proxy.pac").build(), HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> api = client.send(request("home.localhost", "/api/services").build(), HttpResponse.BodyHandlers.ofString());

        assertThat(dashboard.body()).contains("app.localhost:" + fixture.port());
        assertThat(pac.headers().firstValue("content-type")).hasValue("application/x-ns-proxy-autoconfig");
        assertThat(pac.body()).contains("FindProxyForURL").contains("\"app\"")
                .contains("PROXY \" + name + \".localhost:" + fixture.port() + "; DIRECT");
        assertThat(api.headers().firstValue("content-type")).hasValue("application/json");
        assertThat(api.body()).contains("\"name\":\"app\"").contains("\"port\":" + fixture.<TestBackend>backend("app").port());
    }

    @Test
    void malformedRequestGets400AndOthersAreStillServed() throws Exception {
        try (RawConnection raw = new RawConnection(fixture.port())) {
            raw.send("GARBAGE\r\n\r\n");
            assertThat(raw.readHead()).startsWith("HTTP/1.1 400");
        }
        HttpResponse<String> response = client.send(request(appHost(), "/").build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
    }

    @Test
    void oversizedHeadersGet431() throws Exception {
        try (RawConnection raw = new RawConnection(fixture.port())) {
            raw.send("GET / HTTP/1.1\r\nHost: " + appHost() + "\r\nX-Big: " + "a".repeat(70_000) + "\r\n\r\n");
            assertThat(raw.readHead()).startsWith("HTTP/1.1 431");
        }
    }

    /** {@code count} copies of {@code piece}, without holding them all in memory. */
    private static final class RepeatingStream extends InputStream {
        private final byte[] piece;
        private int left;
        private int offset;

        RepeatingStream(byte[] piece, int count) {
            this.piece = piece;
            this.left = count;
        }

        @Override
        public int read() {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] into, int off, int len) {
            if (left == 0) return -1;
            int n = Math.min(len, piece.length - offset);
            System.arraycopy(piece, offset, into, off, n);
            offset += n;
            if (offset == piece.length) {
                offset = 0;
                left--;
            }
            return n;
        }
    }
}
