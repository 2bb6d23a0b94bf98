package dev.localhome.adapters.netty.tunnel;

import static org.assertj.core.api.Assertions.assertThat;

import dev.localhome.adapters.netty.testing.RawBackend;
import dev.localhome.adapters.netty.testing.RawConnection;
import dev.localhome.adapters.netty.testing.TestBackend;
import dev.localhome.adapters.netty.testing.TestCa;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import dev.localhome.adapters.netty.testing.ProxyFixture;

/** {@code https://app/} through the proxy: TLS terminated on the tunnel's own channel, h2 or HTTP/1.1 inside. */
class InterceptionTest {
    @RegisterExtension
    static final ProxyFixture fixture = ProxyFixture.withCa().backend("app", () -> TestBackend.start(0, "app"), TestBackend::port);

    @Test
    void browsersGetH2WithACertificateForTheNameAndTheBackendSeesLocalhost() throws Exception {
        HttpClient client = fixture.ca().clientThrough(fixture.port()).build();
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create("https://app/headers"))
                .header("Origin", "https://app").build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.version()).isEqualTo(HttpClient.Version.HTTP_2);
        assertThat(response.body())
                .contains("host: localhost:" + fixture.<TestBackend>backend("app").port() + "\n")
                .contains("origin: http://localhost:" + fixture.<TestBackend>backend("app").port() + "\n")
                .contains("x-forwarded-proto: https\n")
                .contains("x-forwarded-host: app\n")
                .doesNotContain("x-http2");
    }

    @Test
    void http11InsideTheTunnelWorksToo() throws Exception {
        HttpClient client = fixture.ca().clientThrough(fixture.port()).version(HttpClient.Version.HTTP_1_1).build();
        for (int i = 0; i < 3; i++) {
            HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create("https://app/")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.version()).isEqualTo(HttpClient.Version.HTTP_1_1);
            assertThat(response.body()).isEqualTo("hello from app");
        }
    }

    @Test
    void manyConcurrentStreamsOnOneConnectionAllSucceed() throws Exception {
        HttpClient client = fixture.ca().clientThrough(fixture.port()).build();
        List<CompletableFuture<HttpResponse<String>>> responses = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            responses.add(client.sendAsync(HttpRequest.newBuilder(URI.create("https://app/headers?i=" + i)).build(),
                    HttpResponse.BodyHandlers.ofString()));
        }
        for (int i = 0; i < responses.size(); i++) {
            HttpResponse<String> response = responses.get(i).get();
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).startsWith("GET /headers?i=" + i + "\n");
        }
    }

    @Test
    void aLargeDownloadOverH2ArrivesIntact() throws Exception {
        long size = 32L * 1024 * 1024;
        HttpClient client = fixture.ca().clientThrough(fixture.port()).build();
        HttpResponse<InputStream> response = client.send(HttpRequest.newBuilder(URI.create("https://app/bytes?n=" + size)).build(),
                HttpResponse.BodyHandlers.ofInputStream());
        assertThat(response.version()).isEqualTo(HttpClient.Version.HTTP_2);
        assertThat(TestBackend.countPatternBytes(response.body())).isEqualTo(size);
    }

    @Test
    void plainHttpRedirectsToHttpsWhenThereIsACa() throws Exception {
        HttpClient client = fixture.ca().clientThrough(fixture.port()).build();
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create("http://app/x?y=1")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(302);
        assertThat(response.headers().firstValue("location")).hasValue("https://app/x?y=1");
    }

    @Test
    void theDaemonsOwnNameServesTheDashboardOverTls() throws Exception {
        HttpClient client = fixture.ca().clientThrough(fixture.port()).build();
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create("https://home/")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("localhome").contains("app");
    }

    @Test
    void everyPlainTunnelToANameIsServedNotOnlyTheFirst() throws Exception {
        for (int tunnel = 0; tunnel < 3; tunnel++) {
            try (RawConnection raw = new RawConnection(fixture.port())) {
                raw.send("CONNECT app:80 HTTP/1.1\r\nHost: app:80\r\n\r\n");
                assertThat(raw.readHead()).startsWith("HTTP/1.1 200");
                for (int request = 0; request < 2; request++) { // every request in the tunnel is rewritten
                    raw.send("GET /headers HTTP/1.1\r\nHost: app\r\n\r\n");
                    String head = raw.readHead();
                    int length = Integer.parseInt(head.replaceAll("(?s).*content-length: (\\d+).*", "$1"));
                    assertThat(new String(raw.readExactly(length), java.nio.charset.StandardCharsets.UTF_8))
                            .contains("host: localhost:" + fixture.<TestBackend>backend("app").port() + "\n");
                }
            }
        }
    }

    @Test
    void oneBackendConnectionServesRequestAfterRequestOverH2AndHttp11() throws Exception {
        try (RawBackend keepAlive = RawBackend.start((socket, in, out) -> {
            while (!RawBackend.readHead(in).isEmpty()) RawBackend.write(out, "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok");
        })) {
            fixture.proxy().services.put("pooled", keepAlive.port());
            for (HttpClient.Version version : List.of(HttpClient.Version.HTTP_2, HttpClient.Version.HTTP_1_1)) {
                int before = keepAlive.accepted();
                HttpClient client = fixture.ca().clientThrough(fixture.port()).version(version).build();
                for (int i = 0; i < 20; i++) {
                    HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create("https://pooled/" + i)).build(),
                            HttpResponse.BodyHandlers.ofString());
                    assertThat(response.version()).isEqualTo(version);
                    assertThat(response.body()).isEqualTo("ok");
                }
                // at most one new backend connection for twenty requests (none when this tunnel's event loop has one
                // pooled already): the end of an h2 stream must not throw its backend connection away
                assertThat(keepAlive.accepted() - before).as("backend connections opened for %s", version).isLessThanOrEqualTo(1);
            }
        } finally {
            fixture.proxy().services.remove("pooled");
        }
    }
}
