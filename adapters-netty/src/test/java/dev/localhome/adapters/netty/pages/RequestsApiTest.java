package dev.localhome.adapters.netty.pages;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.localhome.adapters.netty.testing.TestCa;
import java.net.InetSocketAddress;
import java.net.ProxySelector;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Iterator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.extension.RegisterExtension;
import dev.localhome.adapters.netty.testing.ProxyFixture;

/**
 * {@code /api/requests} and its stream, reached every way the dashboard is: {@code localhost:<port>},
 * {@code home.localhost}, {@code http://home/} through the proxy, {@code https://home/} intercepted (h2).
 */
class RequestsApiTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration BOUND = Duration.ofSeconds(20);
    @RegisterExtension
    static final ProxyFixture fixture = ProxyFixture.withCa();

    private static HttpResponse<String> unknownName(String name) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + fixture.port() + "/p?q=1"))
                .header("Host", name + ".localhost").timeout(BOUND).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A client and the URL of the stream, for each way the dashboard is reached. */
    private static HttpRequest.Builder way(String how, String path) {
        return switch (how) {
            case "localhost", "home.localhost" -> HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + fixture.port() + path))
                    .header("Host", how + ":" + fixture.port());
            default -> HttpRequest.newBuilder(URI.create(how + "://home" + path));
        };
    }

    private static HttpClient clientFor(String how) throws Exception {
        if (how.startsWith("http")) return fixture.ca().clientThrough(fixture.port()).build();
        return HttpClient.newBuilder().proxy(HttpClient.Builder.NO_PROXY).build();
    }

    @ParameterizedTest
    @ValueSource(strings = {"localhost", "home.localhost", "http", "https"})
    void theStreamShowsAnExchangeMadeAfterItOpened(String how) throws Exception {
        String name = "nope-" + how.replace('.', '-');
        HttpResponse<Stream<String>> stream = clientFor(how).send(way(how, "/api/requests/stream?service=" + name).build(),
                HttpResponse.BodyHandlers.ofLines());
        assertThat(stream.statusCode()).isEqualTo(how.equals("https") ? 200 : 200);
        assertThat(stream.headers().firstValue("content-type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/event-stream"));
        try (Stream<String> lines = stream.body()) {
            Iterator<String> line = lines.iterator();
            assertThat(line.next()).isEqualTo(": localhome request stream"); // subscribed before this was written
            assertThat(line.next()).isEqualTo("retry: 1000");

            assertThat(unknownName(name).statusCode()).isEqualTo(404);

            assertThat(line.next()).isEmpty();
            assertThat(line.next()).isEqualTo("event: exchange");
            JsonNode exchange = JSON.readTree(line.next().substring("data: ".length()));
            assertThat(exchange.path("service").asText()).isEqualTo(name);
            assertThat(exchange.path("status").asInt()).isEqualTo(404);
            assertThat(exchange.path("answeredBy").asText()).isEqualTo("localhome");
            assertThat(exchange.path("target").asText()).isEqualTo("/p?q=1");
        }
    }

    @Test
    void theListIsOldestFirstAndAtMostN() throws Exception {
        for (int i = 0; i < 3; i++) unknownName("listed");
        HttpResponse<String> response = HttpClient.newHttpClient().send(way("localhost", "/api/requests?service=listed&n=2")
                .build(), HttpResponse.BodyHandlers.ofString());

        JsonNode list = JSON.readTree(response.body());
        assertThat(list).hasSize(2);
        assertThat(list.get(0).path("id").asLong()).isLessThan(list.get(1).path("id").asLong());
    }

    @Test
    void theDaemonsOwnPagesAreNotRecorded() throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        client.send(way("localhost", "/api/services").build(), HttpResponse.BodyHandlers.discarding());
        client.send(way("localhost", "/").build(), HttpResponse.BodyHandlers.discarding());

        HttpResponse<String> all = client.send(way("localhost", "/api/requests?n=1000").build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(JSON.readTree(all.body()).findValuesAsText("service")).doesNotContain("home", "localhost", "127.0.0.1");
    }

    @Test
    void anUnknownServiceIsAnEmptyListAndABadNIsABadRequest() throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        assertThat(client.send(way("localhost", "/api/requests?service=never").build(), HttpResponse.BodyHandlers.ofString())
                .body()).isEqualTo("[]");
        assertThat(client.send(way("localhost", "/api/requests?n=lots").build(), HttpResponse.BodyHandlers.ofString())
                .statusCode()).isEqualTo(400);
    }

    @Test
    void anotherSitesPageCannotReadTheStream() throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(way("localhost", "/api/requests/stream")
                .header("Sec-Fetch-Site", "cross-site").build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(403);
    }
}
