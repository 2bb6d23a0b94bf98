package dev.localhome.adapters.netty.pages;

import dev.localhome.adapters.netty.testing.Await;
import dev.localhome.adapters.netty.inbound.ProxyLimits;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.localhome.adapters.netty.testing.ProxyUnderTest;
import dev.localhome.adapters.netty.transport.Transport;
import dev.localhome.adapters.netty.testing.RawConnection;
import dev.localhome.application.DaemonFacts;
import dev.localhome.domain.ProcessInfo;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code /api/services} and {@code /api/status}: their shape, their freshness, and the cross-site guards. */
class LocalApiTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient client = HttpClient.newHttpClient();
    private static final Instant STARTED = Instant.parse("2025-01-06T10:00:00Z");
    private static ProxyUnderTest proxy;

    @BeforeAll
    static void start() throws Exception {
        proxy = new ProxyUnderTest(ProxyUnderTest.NO_CA, ProxyLimits.defaults(),
                new DaemonFacts("1.2.3", STARTED, "127.0.0.1", List.of("com.example.Plugin"), List.of()));
        proxy.services.put("app", 3000);
        proxy.morePorts.put("app", List.of(3001));
        proxy.processes.put("app", new ProcessInfo(4242, "vite --token=abc123", "/home/ann/app",
                Optional.of(Instant.now().minusSeconds(60))));
    }

    @AfterAll
    static void stop() {
        proxy.close();
    }

    private static HttpResponse<String> get(String path, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + proxy.port() + path))
                .header("Host", "localhost:" + proxy.port());
        if (headers.length > 0) request.headers(headers);
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void servicesCarryLinksProcessesAndUptimeWithSecretsHidden() throws Exception {
        HttpResponse<String> response = get("/api/services", "Sec-Fetch-Site", "same-origin", "Sec-Fetch-Dest", "empty");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).contains("application/json");
        assertThat(response.headers().firstValue("Cross-Origin-Resource-Policy")).contains("same-origin");
        assertThat(response.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
        JsonNode app = JSON.readTree(response.body()).path("services").path(0);
        assertThat(app.path("name").asText()).isEqualTo("app");
        assertThat(app.path("port").asInt()).isEqualTo(3000);
        assertThat(app.path("url").asText()).isEqualTo("http://app.localhost:" + proxy.port() + "/");
        assertThat(app.path("links")).extracting(JsonNode::asText)
                .containsExactly("http://app/", "http://app.localhost:" + proxy.port() + "/");
        assertThat(app.path("uptimeSeconds").asLong()).isBetween(59L, 120L);
        assertThat(app.path("ports")).extracting(JsonNode::asInt).containsExactly(3000, 3001);
        JsonNode chosen = app.path("endpoints").path(0);
        JsonNode other = app.path("endpoints").path(1);
        assertThat(chosen.path("port").asInt()).isEqualTo(3000);
        assertThat(chosen.path("chosen").asBoolean()).isTrue();
        assertThat(other.path("port").asInt()).isEqualTo(3001);
        assertThat(other.path("chosen").asBoolean()).isFalse();
        assertThat(other.path("address").asText()).isEqualTo("127.0.0.1");
        assertThat(other.path("url").asText()).isEqualTo("http://3001.app.localhost:" + proxy.port() + "/");
        assertThat(other.path("links")).extracting(JsonNode::asText)
                .containsExactly("http://app:3001/", "http://3001.app.localhost:" + proxy.port() + "/");
        JsonNode process = app.path("processes").path(0);
        assertThat(process.path("pid").asLong()).isEqualTo(4242);
        assertThat(process.path("command").asText()).isEqualTo("vite --token=***");
        assertThat(process.path("workingDirectory").asText()).isEqualTo("/home/ann/app");
        assertThat(Instant.parse(process.path("startedAt").asText())).isBefore(Instant.now());
        assertThat(response.body()).doesNotContain("abc123");
    }

    @Test
    void statusSaysWhatTheDaemonIs() throws Exception {
        HttpResponse<String> response = get("/api/status");

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode status = JSON.readTree(response.body());
        assertThat(status.path("version").asText()).isEqualTo("1.2.3");
        assertThat(Instant.parse(status.path("startedAt").asText())).isEqualTo(STARTED);
        assertThat(status.path("uptimeSeconds").asLong()).isGreaterThan(Duration.ofDays(1).toSeconds());
        assertThat(status.path("bind").asText()).isEqualTo("127.0.0.1");
        assertThat(status.path("port").asInt()).isEqualTo(proxy.port());
        assertThat(status.path("name").asText()).isEqualTo("home");
        assertThat(status.path("transport").asText()).isEqualTo(Transport.chosen(ProxyUnderTest.TRANSPORT).name());
        assertThat(status.path("ca").path("interception").isBoolean()).isTrue();
        assertThat(status.path("ca").path("interception").asBoolean()).isFalse();
        assertThat(status.path("ca").path("origin").isNull()).isTrue();
        assertThat(status.path("ca").has("path")).isTrue();
        assertThat(status.path("ca").has("sha256")).isTrue();
        assertThat(status.path("plugins")).extracting(JsonNode::asText).containsExactly("com.example.Plugin");
        assertThat(status.path("services").path(0).path("name").asText()).isEqualTo("app");
        assertThat(status.path("services").path(0).path("processes").path(0).path("command").asText())
                .isEqualTo("vite --token=***");
    }

    @ParameterizedTest(name = "{0}: {1} is refused")
    @CsvSource({
            "/api/services, Sec-Fetch-Site, cross-site",
            "/api/services, Sec-Fetch-Site, same-site",
            "/api/services, Sec-Fetch-Dest, script",
            "/api/services, Sec-Fetch-Dest, style",
            "/api/status, Sec-Fetch-Site, cross-site",
            "/api/status, Sec-Fetch-Dest, script",
    })
    void jsonIsNeverServedToAnotherSitesPage(String path, String header, String value) throws Exception {
        HttpResponse<String> response = get(path, header, value);

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.body()).doesNotContain("\"services\"").doesNotContain("abc123");
    }

    @Test
    void theAddressBarAndToolsAreServed() throws Exception {
        assertThat(get("/api/services", "Sec-Fetch-Site", "none", "Sec-Fetch-Dest", "document").statusCode()).isEqualTo(200);
        assertThat(get("/api/status").statusCode()).isEqualTo(200);
    }

    @Test
    void stateCannotBeChangedByOtherMethods() throws Exception {
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + proxy.port() + "/api/services"))
                .header("Host", "localhost").POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(405);
    }

    @Test
    void aServiceThatStartsOrStopsShowsWithinTwoSeconds() throws Exception {
        proxy.services.put("late", 3999);
        try {
            assertThat(secondsUntil(body -> body.contains("\"name\":\"late\",\"state\":\"running\",\"lastSeen\":null")))
                    .isLessThan(2.0);
        } finally {
            proxy.services.remove("late");
        }
        assertThat(secondsUntil(body -> body.contains("\"name\":\"late\",\"state\":\"stopped\",\"lastSeen\":\"")))
                .isLessThan(2.0);
    }

    @Test
    void aStoppedServiceIsListedWithWhenItWasLastSeenAndWhatRanIt() throws Exception {
        proxy.services.put("gone", 3998);
        proxy.processes.put("gone", new ProcessInfo(4343, "npm run dev --api-key s3cr3t", "/home/ann/gone", Optional.empty()));
        secondsUntil(body -> body.contains("\"name\":\"gone\",\"state\":\"running\""));
        proxy.services.remove("gone");
        secondsUntil(body -> body.contains("\"name\":\"gone\",\"state\":\"stopped\""));

        JsonNode gone = service(JSON.readTree(get("/api/services").body()), "gone");
        assertThat(Instant.parse(gone.path("lastSeen").asText())).isBefore(Instant.now().plusSeconds(1));
        assertThat(gone.path("port").asInt()).isEqualTo(3998);
        assertThat(gone.path("uptimeSeconds").isNull()).isTrue();
        assertThat(gone.path("processes").path(0).path("command").asText()).isEqualTo("npm run dev --api-key ***");
        assertThat(gone.path("processes").path(0).path("workingDirectory").asText()).isEqualTo("/home/ann/gone");

        HttpResponse<String> page = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + proxy.port() + "/x"))
                .header("Host", "gone.localhost:" + proxy.port()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).isEqualTo(503);
        assertThat(page.body()).contains("The service <b>gone</b> stopped").contains("npm run dev --api-key ***")
                .contains("/home/ann/gone").contains("localhome forget gone").doesNotContain("s3cr3t");

        assertThat(get("/").body()).contains("<tr class=\"stopped\" data-service=\"gone\" data-state=\"stopped\"><td class=\"name\"><a class=\"inspect\" href=\"#requests=gone\"")
                .contains("data-forget=\"gone\"").containsPattern("title=\"last seen [^\"]+\">seen \\d+s ago<");

        assertThat(forget("gone").statusCode()).isEqualTo(200);
        assertThat(get("/api/services").body()).doesNotContain("\"name\":\"gone\"");
        assertThat(forget("gone").statusCode()).isEqualTo(404);
    }

    @Test
    void forgettingARunningServiceIsAConflictAndAnythingButAPostIsRefused() throws Exception {
        HttpResponse<String> running = forget("app");
        assertThat(running.statusCode()).isEqualTo(409);
        assertThat(running.body()).contains("'app' is running");
        assertThat(get("/api/services/app/forget").statusCode()).isEqualTo(405);
        assertThat(forget("not a name").statusCode()).isEqualTo(404);
    }

    @ParameterizedTest(name = "{0}: {1} may not forget")
    @CsvSource({
            "Sec-Fetch-Site, cross-site",
            "Sec-Fetch-Site, same-site",
            "Sec-Fetch-Site, none",
            "Origin, http://app.localhost",
            "Origin, null",
    })
    void anotherPageCannotForgetAService(String header, String value) throws Exception {
        proxy.services.put("kept", 3997);
        secondsUntil(body -> body.contains("\"name\":\"kept\",\"state\":\"running\""));
        proxy.services.remove("kept");
        secondsUntil(body -> body.contains("\"name\":\"kept\",\"state\":\"stopped\""));

        assertThat(forget("kept", header, value).statusCode()).isEqualTo(403);
        assertThat(get("/api/services").body()).contains("\"name\":\"kept\",\"state\":\"stopped\"");
        assertThat(forget("kept", "Origin", "http://localhost:" + proxy.port(), "Sec-Fetch-Site", "same-origin")
                .statusCode()).isEqualTo(200);
    }

    @Test
    void aChangeThatAnyPageCouldSendWithoutAPreflightIsRefusedAndSaysWhy() throws Exception {
        proxy.services.put("plain", 3996);
        secondsUntil(body -> body.contains("\"name\":\"plain\",\"state\":\"running\""));
        proxy.services.remove("plain");
        secondsUntil(body -> body.contains("\"name\":\"plain\",\"state\":\"stopped\""));

        HttpResponse<String> simple = client.send(forgetRequest("plain")
                .header("Content-Type", "text/plain").POST(HttpRequest.BodyPublishers.ofString("x")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(simple.statusCode()).isEqualTo(403);
        assertThat(simple.body()).contains("X-Localhome: 1").contains("Content-Type: application/json");
        assertThat(get("/api/services").body()).contains("\"name\":\"plain\",\"state\":\"stopped\"");
        HttpResponse<String> json = client.send(forgetRequest("plain").header("Content-Type", "application/json; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(json.statusCode()).isEqualTo(200);
    }

    /** A forget as the dashboard and the CLI send it: with {@code X-Localhome: 1}, and {@code headers} besides. */
    private static HttpResponse<String> forget(String name, String... headers) throws Exception {
        HttpRequest.Builder request = forgetRequest(name).header("X-Localhome", "1")
                .POST(HttpRequest.BodyPublishers.noBody());
        if (headers.length > 0) request.headers(headers);
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpRequest.Builder forgetRequest(String name) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + proxy.port()
                        + "/api/services/" + name.replace(" ", "%20") + "/forget"))
                .header("Host", "localhost:" + proxy.port());
    }

    private static JsonNode service(JsonNode services, String name) {
        for (JsonNode service : services.path("services")) if (service.path("name").asText().equals(name)) return service;
        throw new AssertionError("no service " + name + " in " + services);
    }

    /** Polls as the dashboard does, but faster, until {@code seen}; fails after a bounded deadline. */
    private static double secondsUntil(Predicate<String> seen) throws Exception {
        long start = System.nanoTime();
        Await.until("the services API shows it", Duration.ofSeconds(5), () -> get("/api/services").body(), seen);
        return (System.nanoTime() - start) / 1e9;
    }

    @Test
    void pipelinedRequestsToTheApiAreAnsweredInOrder() throws Exception {
        try (RawConnection raw = new RawConnection(proxy.port())) {
            raw.send("GET /api/services HTTP/1.1\r\nHost: localhost\r\n\r\nGET /proxy.pac HTTP/1.1\r\nHost: localhost\r\n\r\n");
            String first = raw.readHead();
            assertThat(first).startsWith("HTTP/1.1 200").containsIgnoringCase("content-type: application/json");
            java.util.regex.Matcher length = java.util.regex.Pattern.compile("(?i)content-length: (\\d+)").matcher(first);
            assertThat(length.find()).isTrue();
            raw.readExactly(Integer.parseInt(length.group(1)));
            assertThat(raw.readHead()).startsWith("HTTP/1.1 200").containsIgnoringCase("proxy-autoconfig");
        }
    }
}
