package dev.localhome.bootstrap.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.localhome.adapters.netty.testing.RawConnection;
import dev.localhome.adapters.netty.testing.TestBackend;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The reverse proxy as a new user sees it: the whole daemon on a free port, a dev server started as a real
 * process with {@code NAME=...}, reached at {@code <name>.localhost:<port>}.
 */
class ReverseProxyEndToEndTest {
    private static final long BIG = 64L * 1024 * 1024;

    @RegisterExtension
    static final DaemonWithBackend started = DaemonWithBackend.withoutCa();
    private static final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private static String hostOf(String name) {
        return name + ".localhost:" + started.daemon().port();
    }

    private static HttpRequest.Builder request(String host, String path) {
        return HttpRequest.newBuilder(started.daemon().direct(path)).header("Host", host).timeout(Duration.ofSeconds(30));
    }

    private static HttpResponse<String> get(String host, String path) throws IOException, InterruptedException {
        return client.send(request(host, path).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aBackendStartedAMomentAgoAnswersAtItsNameOnTheFirstRequest() throws Exception {
        try (BackendProcess fresh = BackendProcess.start(BackendProcess.uniqueName("fresh"))) {
            HttpResponse<String> response = get(hostOf(fresh.name()), "/");

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).isEqualTo("hello from " + fresh.name());
        }
    }

    @Test
    void theBackendSeesTheHostAsSentAndTheForwardedHeaders(BackendProcess app) throws Exception {
        HttpResponse<String> response = get(hostOf(app.name()), "/headers?q=1");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body())
                .startsWith("GET /headers?q=1\n")
                .contains("host: " + hostOf(app.name()) + "\n")
                .contains("x-forwarded-host: " + hostOf(app.name()) + "\n")
                .contains("x-forwarded-proto: http\n")
                .contains("x-forwarded-for: 127.0.0.1\n");
    }

    @Test
    void aWebSocketEchoesTextAndBinaryFramesThroughTheReverseProxy(RunningDaemon daemon, BackendProcess app)
            throws Exception {
        try (RawConnection ws = daemon.raw()) {
            ws.send("GET /ws HTTP/1.1\r\nHost: " + hostOf(app.name()) + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                    + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n");
            String head = ws.readHead();
            assertThat(head).startsWith("HTTP/1.1 101").containsIgnoringCase("sec-websocket-accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=");

            ws.sendFrame(0x1, "hello through the proxy".getBytes(StandardCharsets.UTF_8));
            assertThat(new String(ws.readFramePayload(), StandardCharsets.UTF_8)).isEqualTo("hello through the proxy");
            byte[] binary = {0, 1, 2, (byte) 0xfe, (byte) 0xff};
            ws.sendFrame(0x2, binary);
            assertThat(ws.readFramePayload()).containsExactly(binary);
        }
    }

    @Test
    void aSixtyFourMegabyteDownloadArrivesIntact(BackendProcess app) throws Exception {
        HttpResponse<InputStream> response = client.send(request(hostOf(app.name()), "/bytes?n=" + BIG).build(),
                HttpResponse.BodyHandlers.ofInputStream());

        assertThat(response.statusCode()).isEqualTo(200);
        long index = 0;
        long mismatches = 0;
        byte[] buffer = new byte[64 * 1024];
        try (InputStream body = response.body()) {
            for (int n; (n = body.read(buffer)) > 0; ) {
                for (int i = 0; i < n; i++, index++) if (buffer[i] != TestBackend.byteAt(index)) mismatches++;
            }
        }
        assertThat(index).isEqualTo(BIG);
        assertThat(mismatches).isZero();
    }

    @Test
    void aSixtyFourMegabyteUploadArrivesIntact(BackendProcess app) throws Exception {
        HttpRequest upload = request(hostOf(app.name()), "/upload")
                .POST(HttpRequest.BodyPublishers.fromPublisher(
                        HttpRequest.BodyPublishers.ofInputStream(() -> new PatternStream(BIG)), BIG))
                .build();

        HttpResponse<String> response = client.send(upload, HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo(BIG + " " + sha256OfPattern(BIG));
    }

    @Test
    void aChunkedUploadOfUnknownLengthArrivesIntact(BackendProcess app) throws Exception {
        long size = 8L * 1024 * 1024 + 17;
        HttpRequest upload = request(hostOf(app.name()), "/upload")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new PatternStream(size)))
                .build();

        HttpResponse<String> response = client.send(upload, HttpResponse.BodyHandlers.ofString());

        assertThat(response.body()).isEqualTo(size + " " + sha256OfPattern(size));
    }

    @Test
    void anUnknownNameGivesTheNotFoundPageNamingTheRunningService(BackendProcess app) throws Exception {
        assertThat(get(hostOf(app.name()), "/").statusCode()).isEqualTo(200); // app is in the catalog

        HttpResponse<String> response = get(hostOf("nope"), "/");

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.headers().firstValue("content-type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
        assertThat(response.body()).contains("nope").contains(app.name());
    }

    @Test
    void aForeignHostIsForbidden() throws Exception {
        HttpResponse<String> response = get("evil.com", "/");

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.body()).contains("evil.com");
    }

    @Test
    void theDashboardAtLocalhostListsTheService(RunningDaemon daemon, BackendProcess app) throws Exception {
        HttpResponse<String> response = get("localhost:" + daemon.port(), "/");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("content-type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
        assertThat(response.body()).contains(app.name()).contains(String.valueOf(app.port()));
    }

    @Test
    void theProxyAutoConfigFileSendsBareNamesToTheDaemon(RunningDaemon daemon, BackendProcess app) throws Exception {
        HttpResponse<String> response = get("localhost:" + daemon.port(), "/proxy.pac");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("content-type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("application/x-ns-proxy-autoconfig"));
        // each bare name goes to "PROXY <name>.localhost:<port>" (loopback in every browser), then DIRECT
        assertThat(response.body())
                .contains("function FindProxyForURL(url, host)")
                .contains("isPlainHostName(name)")
                .contains("\"" + app.name() + "\"")
                .contains("PROXY ")
                .contains(".localhost:" + daemon.port() + "; DIRECT");
        // it lists the services of the moment: a browser must not keep it
        assertThat(response.headers().firstValue("cache-control")).hasValue("no-store");
    }

    @Test
    void theServicesApiListsTheServiceWithItsPort(RunningDaemon daemon, BackendProcess app) throws Exception {
        HttpResponse<String> response = get("127.0.0.1:" + daemon.port(), "/api/services");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("content-type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
        assertThat(portsListedFor(app.name(), response.body())).containsExactly(app.port());
    }

    @Test
    void aBackendThatDiedGivesBadGatewayAndItsRestartOnANewPortIsReachedNext(RunningDaemon daemon) throws Exception {
        String name = BackendProcess.uniqueName("restart");
        int oldPort;
        try (BackendProcess first = BackendProcess.start(name)) {
            oldPort = first.port();
            assertThat(get(hostOf(name), "/").body()).isEqualTo("hello from " + name);
        } // closed: the process is gone, its port refuses

        HttpResponse<String> gone = get(hostOf(name), "/");

        assertThat(gone.statusCode()).isEqualTo(502);
        assertThat(gone.body()).contains(name).contains(String.valueOf(oldPort));

        try (BackendProcess second = BackendProcess.start(name)) {
            HttpResponse<String> back = get(hostOf(name), "/");

            assertThat(back.statusCode()).isEqualTo(200);
            assertThat(back.body()).isEqualTo("hello from " + name);
            assertThat(portsListedFor(name, get("localhost:" + daemon.port(), "/api/services").body()))
                    .containsExactly(second.port());
        }
    }

    /** The ports {@code /api/services} gives for {@code name}: one entry per service. */
    private static List<Integer> portsListedFor(String name, String json) throws IOException {
        JsonNode services = new ObjectMapper().readTree(json).get("services");
        return StreamSupport.stream(services.spliterator(), false)
                .filter(s -> s.get("name").asText().equals(name))
                .map(s -> s.get("port").asInt())
                .toList();
    }

    private static String sha256OfPattern(long size) throws IOException, NoSuchAlgorithmException {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        byte[] buffer = new byte[64 * 1024];
        try (InputStream pattern = new PatternStream(size)) {
            for (int n; (n = pattern.read(buffer)) > 0; ) digest.update(buffer, 0, n);
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    /** {@link TestBackend#byteAt} for {@code size} bytes, generated as read: no 64 MB array anywhere. */
    static final class PatternStream extends InputStream {
        private final long size;
        private long position;

        PatternStream(long size) {
            this.size = size;
        }

        @Override
        public int read() {
            return position < size ? TestBackend.byteAt(position++) & 0xff : -1;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) {
            if (position >= size) return -1;
            int n = (int) Math.min(length, size - position);
            for (int i = 0; i < n; i++) buffer[offset + i] = TestBackend.byteAt(position++);
            return n;
        }
    }
}
