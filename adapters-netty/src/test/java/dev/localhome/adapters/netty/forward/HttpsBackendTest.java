package dev.localhome.adapters.netty.forward;

import static org.assertj.core.api.Assertions.assertThat;

import dev.localhome.adapters.netty.testing.ProxyUnderTest;
import dev.localhome.adapters.netty.testing.RawConnection;
import dev.localhome.adapters.netty.testing.TestBackend;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A dev server that serves HTTPS itself, with a certificate nobody can verify, is reached all the same. */
class HttpsBackendTest {
    private static TestBackend secure;
    private static ProxyUnderTest proxy;
    private static final HttpClient client = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        secure = TestBackend.startTls(0, "secure");
        proxy = ProxyUnderTest.withoutCa();
        proxy.services.put("secure", secure.port());
    }

    @AfterAll
    static void stop() {
        proxy.close();
        secure.close();
    }

    private HttpResponse<String> get(String path) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + proxy.port() + path))
                .header("Host", "secure.localhost:" + proxy.port()).build();
        return client.send(request, HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aBackendThatSpeaksHttpsIsDetectedAndAnswersTheFirstRequest() throws Exception {
        assertThat(get("/").body()).isEqualTo("hello from secure");
        assertThat(get("/headers").body()).contains("host: secure.localhost:" + proxy.port());
    }

    @Test
    void aWebSocketToAnHttpsBackendIsRelayedOverItsTls() throws Exception {
        get("/"); // the first request settles what the backend speaks
        try (RawConnection raw = new RawConnection(proxy.port())) {
            raw.send("GET /ws HTTP/1.1\r\nHost: secure.localhost\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                    + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n");
            assertThat(raw.readHead()).startsWith("HTTP/1.1 101");
            raw.sendFrame(0x1, "over tls".getBytes(StandardCharsets.UTF_8));
            assertThat(new String(raw.readFramePayload(), StandardCharsets.UTF_8)).isEqualTo("over tls");
        }
    }
}
