package dev.localhome.bootstrap.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.localhome.adapters.netty.testing.RawConnection;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The forward proxy on a machine without any CA: no interception and no redirect, but plain {@code http://app/} still works,
 * rewritten for dev servers that check {@code Host} and {@code Origin}, and {@code CONNECT app:443} is relayed as is.
 */
class ForwardProxyWithoutCaEndToEndTest {
    @RegisterExtension
    static final DaemonWithBackend started = DaemonWithBackend.withoutCa();

    @Test
    void plainHttpToAKnownNameIsProxiedWithHostAndOriginRewrittenToLocalhost(BackendProcess app, HttpClient browser)
            throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://" + app.name() + "/headers"))
                .header("Origin", "http://" + app.name())
                .timeout(Duration.ofSeconds(20)).build();

        HttpResponse<String> response = browser.send(request, HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body())
                .startsWith("GET /headers\n")
                .contains("host: localhost:" + app.port() + "\n")
                .contains("origin: http://localhost:" + app.port() + "\n")
                .contains("x-forwarded-proto: http\n");
    }

    @Test
    void aTunnelToPortFourFortyThreeIsRelayedToTheBackendByteForByte(RunningDaemon daemon, BackendProcess app)
            throws Exception {
        // without a CA the tunnel is the backend's own (a dev server serving HTTPS itself); ours speaks plain HTTP,
        // which shows the relay passes bytes untouched: no Host rewrite, no X-Forwarded headers
        try (RawConnection tunnel = Tunnels.open(daemon.port(), app.name() + ":443")) {
            tunnel.send("GET /headers HTTP/1.1\r\nHost: as-sent.example\r\n\r\n");
            Http1.Response response = Http1.read(tunnel.socket().getInputStream());

            assertThat(response.status()).isEqualTo(200);
            assertThat(response.text()).isEqualTo("GET /headers\nhost: as-sent.example\n");
        }
    }

    @Test
    void anUnknownBareNameGetsThe404PageListingTheServices(RunningDaemon daemon, BackendProcess app) throws Exception {
        try (RawConnection raw = daemon.raw()) {
            raw.send("GET http://nope/ HTTP/1.1\r\nHost: nope\r\n\r\n");
            Http1.Response response = Http1.read(raw.socket().getInputStream());

            assertThat(response.status()).isEqualTo(404);
            assertThat(response.text()).contains("nope").contains(app.name());
        }
    }
}
