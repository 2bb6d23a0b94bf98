package dev.localhome.bootstrap.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.localhome.adapters.netty.testing.RawConnection;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The forward proxy a browser reaches through the PAC file, with a CA available: plain {@code http://app/}
 * is sent to HTTPS, {@code CONNECT app:80} keeps speaking HTTP with every request rewritten, a bare name that is no
 * service gets the 404 page that lists the services, and what localhome does not serve otherwise is closed without a
 * byte.
 */
class ForwardProxyEndToEndTest {
    @RegisterExtension
    static final DaemonWithBackend started = DaemonWithBackend.withCa();

    @Test
    void plainHttpToAKnownNameRedirectsToTheSameUrlOverHttps(BackendProcess app, HttpClient browser) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://" + app.name() + "/x?y=1"))
                .timeout(Duration.ofSeconds(20)).build();

        HttpResponse<String> response = browser.send(request, HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(302);
        assertThat(response.headers().firstValue("location")).hasValue("https://" + app.name() + "/x?y=1");
    }

    @Test
    void aTunnelToPortEightyRewritesHostAndOriginOnEveryRequest(RunningDaemon daemon, BackendProcess app)
            throws Exception {
        try (RawConnection tunnel = Tunnels.open(daemon.port(), app.name() + ":80")) {
            for (int i = 1; i <= 3; i++) {
                tunnel.send("GET /headers?i=" + i + " HTTP/1.1\r\nHost: " + app.name() + "\r\nOrigin: http://" + app.name() + "\r\n\r\n");
                Http1.Response response = Http1.read(tunnel.socket().getInputStream());

                assertThat(response.status()).isEqualTo(200);
                assertThat(response.text())
                        .startsWith("GET /headers?i=" + i + "\n")
                        .contains("host: localhost:" + app.port() + "\n")
                        .contains("origin: http://localhost:" + app.port() + "\n")
                        .contains("x-forwarded-proto: http\n");
            }
        }
    }

    @Test
    void aWebSocketThroughATunnelToPortEightyEchoesTextAndBinaryFrames(RunningDaemon daemon, BackendProcess app)
            throws Exception {
        try (RawConnection tunnel = Tunnels.open(daemon.port(), app.name() + ":80")) {
            tunnel.send("GET /ws HTTP/1.1\r\nHost: " + app.name() + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                    + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n");
            assertThat(tunnel.readHead()).startsWith("HTTP/1.1 101");

            tunnel.sendFrame(0x1, "hello over ws".getBytes(StandardCharsets.UTF_8));
            assertThat(new String(tunnel.readFramePayload(), StandardCharsets.UTF_8)).isEqualTo("hello over ws");
            byte[] binary = {(byte) 0xff, 0, 7};
            tunnel.sendFrame(0x2, binary);
            assertThat(tunnel.readFramePayload()).containsExactly(binary);
        }
    }

    @Test
    void aWebSocketOfTheJdkClientOverWsEchoesTextAndBinaryFrames(BackendProcess app, HttpClient browser)
            throws Exception {
        try (WebSocketEcho ws = WebSocketEcho.open(browser, URI.create("ws://" + app.name() + "/ws"))) {
            assertThat(ws.roundTrip("hello over ws")).isEqualTo("hello over ws");
            byte[] binary = {1, 2, 3, (byte) 0xfe};
            assertThat(ws.roundTrip(binary)).containsExactly(binary);
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
            "GET http://example.com/ HTTP/1.1\r\nHost: example.com\r\n\r\n",
            "CONNECT nope:443 HTTP/1.1\r\nHost: nope:443\r\n\r\n",
            "CONNECT example.com:80 HTTP/1.1\r\nHost: example.com:80\r\n\r\n",
            "CONNECT example.com:443 HTTP/1.1\r\nHost: example.com:443\r\n\r\n",
    })
    void whatLocalhomeDoesNotServeIsClosedWithoutResponseBytes(String request, RunningDaemon daemon) throws Exception {
        try (RawConnection raw = daemon.raw()) {
            raw.send(request);

            assertThat(raw.closedWithoutBytes()).isTrue();
        }
    }

    @Test
    void aBareNameThatIsNoServiceGetsThe404PageListingTheServices(RunningDaemon daemon, BackendProcess app)
            throws Exception {
        try (RawConnection raw = daemon.raw()) {
            raw.send("GET http://nope/ HTTP/1.1\r\nHost: nope\r\n\r\n");
            Http1.Response response = Http1.read(raw.socket().getInputStream());

            assertThat(response.status()).isEqualTo(404);
            assertThat(response.text()).contains("nope").contains(app.name());
        }
    }

    @Test
    void aTunnelToABareNameThatIsNoServiceAnswersItsRequestsWithThe404Page(RunningDaemon daemon, BackendProcess app)
            throws Exception {
        try (RawConnection tunnel = Tunnels.open(daemon.port(), "nope:80")) {
            tunnel.send("GET / HTTP/1.1\r\nHost: nope\r\n\r\n");
            Http1.Response response = Http1.read(tunnel.socket().getInputStream());

            assertThat(response.status()).isEqualTo(404);
            assertThat(response.text()).contains("nope").contains(app.name());
        }
    }

    @Test
    void aKnownNameOnAPortOtherThanHttpOrHttpsIsClosedWithoutResponseBytes(RunningDaemon daemon, BackendProcess app)
            throws Exception {
        try (RawConnection raw = daemon.raw()) {
            raw.send(Tunnels.request(app.name() + ":22"));

            assertThat(raw.closedWithoutBytes()).isTrue();
        }
    }

    @Test
    void theJdkClientGetsNoAnswerForAnUnknownNameSoABrowserWouldGoDirect(HttpClient browser) {
        HttpRequest request = HttpRequest.newBuilder(URI.create("https://nope/")).timeout(Duration.ofSeconds(20)).build();

        assertThatThrownBy(() -> browser.send(request, HttpResponse.BodyHandlers.ofString())).isInstanceOf(IOException.class);
    }
}
