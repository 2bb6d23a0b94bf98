package dev.localhome.adapters.netty.forward;

import static org.assertj.core.api.Assertions.assertThat;

import dev.localhome.adapters.netty.testing.RawConnection;
import dev.localhome.adapters.netty.testing.TestBackend;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import dev.localhome.adapters.netty.testing.ProxyFixture;

/** A dev server that serves HTTPS itself, with a certificate nobody can verify, is reached all the same. */
class HttpsBackendTest {
    @RegisterExtension
    static final ProxyFixture fixture = ProxyFixture.withoutCa().backend("secure", () -> TestBackend.startTls(0, "secure"), TestBackend::port);
    private static final HttpClient client = HttpClient.newHttpClient();

    private HttpResponse<String> get(String path) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + fixture.port() + path))
                .header("Host", "secure.localhost:" + fixture.port()).build();
        return client.send(request, HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aBackendThatSpeaksHttpsIsDetectedAndAnswersTheFirstRequest() throws Exception {
        assertThat(get("/").body()).isEqualTo("hello from secure");
        assertThat(get("/headers").body()).contains("host: secure.localhost:" + fixture.port());
    }

    @Test
    void aWebSocketToAnHttpsBackendIsRelayedOverItsTls() throws Exception {
        get("/"); // the first request settles what the backend speaks
        try (RawConnection raw = new RawConnection(fixture.port())) {
            raw.send("GET /ws HTTP/1.1\r\nHost: secure.localhost\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                    + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n");
            assertThat(raw.readHead()).startsWith("HTTP/1.1 101");
            raw.sendFrame(0x1, "over tls".getBytes(StandardCharsets.UTF_8));
            assertThat(new String(raw.readFramePayload(), StandardCharsets.UTF_8)).isEqualTo("over tls");
        }
    }
}
