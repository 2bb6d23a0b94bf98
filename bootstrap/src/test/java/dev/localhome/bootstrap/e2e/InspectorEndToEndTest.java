package dev.localhome.bootstrap.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.localhome.adapters.netty.testing.RawConnection;
import dev.localhome.bootstrap.config.Environment;
import dev.localhome.domain.testing.Await;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The request inspector, as a user sees it through {@code localhome requests}: the whole daemon (with a CA,
 * and header recording on), one dev server as a real process, and a request by every way there is to arrive.
 */
class InspectorEndToEndTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration BOUND = Duration.ofSeconds(20);

    @TempDir
    static Path directory;
    private static RunningDaemon daemon;
    private static BackendProcess app;
    private static Thread follower;

    @BeforeAll
    static void start() throws IOException {
        daemon = RunningDaemon.withCa(directory, config -> config.withInspector(true, true));
        app = BackendProcess.start(BackendProcess.uniqueName("app"));
    }

    @AfterAll
    static void stop() throws InterruptedException {
        try {
            if (app != null) app.close();
        } finally {
            if (daemon != null) daemon.close();
        }
        if (follower != null) {
            follower.join(BOUND.toMillis()); // the daemon's end ends the stream, and with it --follow
            assertThat(follower.isAlive()).as("--follow ends when the daemon stops").isFalse();
        }
    }

    @Test
    void aRequestByHostAppearsInLocalhomeRequestsJsonWithWhatHappened() throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(daemon.direct("/x?y=1"))
                .header("Host", app.name() + ".localhost:" + daemon.port()).timeout(BOUND).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);

        Cli run = Cli.run("requests", app.name(), "--json", "-n", "1000");

        assertThat(run.exit()).isZero();
        JsonNode exchange = run.exchange(e -> e.path("target").asText().equals("/x?y=1"));
        assertThat(exchange.path("service").asText()).isEqualTo(app.name());
        assertThat(exchange.path("method").asText()).isEqualTo("GET");
        assertThat(exchange.path("status").asInt()).isEqualTo(200);
        assertThat(exchange.path("state").asText()).isEqualTo("done");
        assertThat(exchange.path("protocol").asText()).isEqualTo("h1");
        assertThat(exchange.path("arrival").asText()).isEqualTo("host");
        assertThat(exchange.path("answeredBy").asText()).isEqualTo("backend");
        assertThat(exchange.path("bytesIn").asLong()).isZero();
        assertThat(exchange.path("bytesOut").asLong()).isEqualTo(response.body().length());
        assertThat(exchange.path("firstByteMs").asDouble()).isPositive();
        assertThat(exchange.path("totalMs").asDouble()).isGreaterThanOrEqualTo(exchange.path("firstByteMs").asDouble());
    }

    @Test
    void aPacStyleAbsoluteFormRequestIsRecordedAsLocalhomesRedirect() throws Exception {
        HttpResponse<String> response = daemon.browser().send(HttpRequest.newBuilder(URI.create("http://" + app.name()
                + "/pac?z=2")).timeout(BOUND).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(302); // a CA is there: plain http moves to https

        JsonNode exchange = Cli.run("requests", app.name(), "--json", "-n", "1000")
                .exchange(e -> e.path("target").asText().equals("/pac?z=2"));

        assertThat(exchange.path("arrival").asText()).isEqualTo("pac");
        assertThat(exchange.path("answeredBy").asText()).isEqualTo("localhome");
        assertThat(exchange.path("status").asInt()).isEqualTo(302);
    }

    @Test
    void interceptedTlsIsRecordedAsH1AndAsH2ByWhatAlpnChose() throws Exception {
        HttpClient browser = daemon.browser();
        for (HttpClient.Version version : List.of(HttpClient.Version.HTTP_1_1, HttpClient.Version.HTTP_2)) {
            HttpResponse<String> response = browser.send(HttpRequest.newBuilder(URI.create("https://" + app.name()
                    + "/tls-" + version)).version(version).timeout(BOUND).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.version()).isEqualTo(version);
        }

        Cli run = Cli.run("requests", app.name(), "--json", "-n", "1000");

        JsonNode h1 = run.exchange(e -> e.path("target").asText().equals("/tls-HTTP_1_1"));
        JsonNode h2 = run.exchange(e -> e.path("target").asText().equals("/tls-HTTP_2"));
        assertThat(List.of(h1.path("arrival").asText(), h1.path("protocol").asText())).containsExactly("tls", "h1");
        assertThat(List.of(h2.path("arrival").asText(), h2.path("protocol").asText())).containsExactly("tls", "h2");
        assertThat(h2.path("status").asInt()).isEqualTo(200);
    }

    @Test
    void aRequestInsideConnect80IsRecordedAsSuch() throws Exception {
        try (RawConnection tunnel = Tunnels.open(daemon.port(), app.name() + ":80")) {
            Http1.Response response = Http1.get(tunnel.socket().getInputStream(), tunnel.socket().getOutputStream(),
                    app.name(), "/in-tunnel");
            assertThat(response.status()).isEqualTo(200);
        }

        JsonNode exchange = Cli.run("requests", app.name(), "--json", "-n", "1000")
                .exchange(e -> e.path("target").asText().equals("/in-tunnel"));

        assertThat(exchange.path("arrival").asText()).isEqualTo("connect80");
        assertThat(exchange.path("answeredBy").asText()).isEqualTo("backend");
    }

    @Test
    void aWebSocketIsOneExchangeOpenThenClosedWithItsCodeAndCounts() throws Exception {
        String host = app.name() + ".localhost:" + daemon.port();
        URI uri = URI.create("ws://127.0.0.1:" + daemon.port() + "/ws?inspected");
        try (PeerSocket ws = PeerSocket.open(HttpClient.newHttpClient(), uri, Optional.of(host), List.of())) {
            assertThat(ws.send("one").nextText()).isEqualTo("one");
            assertThat(ws.send("two").nextText()).isEqualTo("two");
            assertThat(ws.send(new byte[] {1, 2, 3}).nextBinary()).containsExactly(1, 2, 3);

            JsonNode open = awaitExchange(e -> e.path("target").asText().equals("/ws?inspected"));
            assertThat(open.path("state").asText()).isEqualTo("open");
            assertThat(open.path("status").asInt()).isEqualTo(101);
            assertThat(open.path("protocol").asText()).isEqualTo("websocket");
            assertThat(open.path("websocket").path("closeCode").isNull()).isTrue();
        }

        JsonNode closed = awaitExchange(e -> e.path("target").asText().equals("/ws?inspected")
                && e.path("state").asText().equals("done"));

        assertThat(closed.path("websocket").path("messagesIn").asLong()).isEqualTo(3);
        assertThat(closed.path("websocket").path("messagesOut").asLong()).isEqualTo(3);
        assertThat(closed.path("websocket").path("closeCode").asInt()).isEqualTo(1000);
        assertThat(closed.path("bytesIn").asLong()).isPositive();
        assertThat(Cli.run("requests", app.name(), "--json", "-n", "1000").exchanges()
                .filter(e -> e.path("target").asText().equals("/ws?inspected")).count())
                .as("one exchange, shown in its latest state").isEqualTo(1);
    }

    @Test
    void recordedHeadersNeverShowACookieOrAnAuthorizationValue() throws Exception {
        HttpClient.newHttpClient().send(HttpRequest.newBuilder(daemon.direct("/headers?secret"))
                .header("Host", app.name() + ".localhost:" + daemon.port())
                .header("Cookie", "session=cookie-secret-1")
                .header("Authorization", "Bearer token-secret-2")
                .header("X-Visible", "shown").timeout(BOUND).build(), HttpResponse.BodyHandlers.discarding());

        Cli run = Cli.run("requests", app.name(), "--json", "-n", "1000");
        JsonNode exchange = run.exchange(e -> e.path("target").asText().equals("/headers?secret"));

        assertThat(run.out()).doesNotContain("cookie-secret-1").doesNotContain("token-secret-2");
        assertThat(exchange.path("requestHeaders").toString())
                .contains("[\"cookie\",\"(redacted)\"]", "[\"authorization\",\"(redacted)\"]", "[\"x-visible\",\"shown\"]");
        assertThat(exchange.path("responseHeaders").isArray()).isTrue();
    }

    @Test
    void followPrintsARequestMadeAfterItStarted() throws Exception {
        StringWriter out = new StringWriter();
        follower = new Thread(() -> Cli.execute(new String[] {"requests", app.name(), "--follow", "--json", "-n", "1",
                "--port", String.valueOf(daemon.port())}, machine(), new PrintWriter(out, true),
                new PrintWriter(new StringWriter(), true)), "requests --follow");
        follower.setDaemon(true);
        follower.start();

        // until the stream is subscribed, a request may come too early for it: ask again, a bounded number of times
        HttpClient client = HttpClient.newHttpClient();
        AtomicInteger asked = new AtomicInteger();
        Await.until(BOUND, () -> {
            if (out.toString().contains("/followed?")) return true;
            client.send(HttpRequest.newBuilder(daemon.direct("/followed?i=" + asked.incrementAndGet()))
                    .header("Host", app.name() + ".localhost:" + daemon.port()).timeout(BOUND).build(),
                    HttpResponse.BodyHandlers.discarding());
            return false;
        }, () -> "--follow printed no request made after it started (" + asked + " made): " + out);

        assertThat(out.toString().lines().filter(line -> line.contains("/followed?")).findFirst().orElseThrow())
                .contains("\"state\":");
    }

    private static JsonNode awaitExchange(Predicate<JsonNode> wanted) {
        return Await.value(BOUND, () -> Cli.run("requests", app.name(), "--json", "-n", "1000").exchanges()
                .filter(wanted).findFirst(), () -> "no such exchange");
    }

    private static Environment machine() {
        Path home = directory.resolve("cli-home");
        try {
            Files.createDirectories(home);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Environment.of(Map.of("HOME", home.toString(), "PATH", ""), home, home);
    }

    /** {@code localhome <args> --port <the daemon's>}, in-process, with what it printed. */
    private record Cli(int exit, String out, String err) {
        static Cli run(String... args) {
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            String[] all = java.util.stream.Stream.concat(java.util.Arrays.stream(args),
                    java.util.stream.Stream.of("--port", String.valueOf(daemon.port()))).toArray(String[]::new);
            int exit = dev.localhome.bootstrap.cli.Cli.execute(all, machine(), new PrintWriter(out, true),
                    new PrintWriter(err, true));
            return new Cli(exit, out.toString(), err.toString());
        }

        static int execute(String[] args, Environment environment, PrintWriter out, PrintWriter err) {
            return dev.localhome.bootstrap.cli.Cli.execute(args, environment, out, err);
        }

        java.util.stream.Stream<JsonNode> exchanges() {
            if (exit != 0) throw new AssertionError("localhome requests exited " + exit + ": " + err);
            return out.lines().filter(line -> !line.isBlank()).map(line -> {
                try {
                    return JSON.readTree(line);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }

        JsonNode exchange(Predicate<JsonNode> wanted) {
            List<JsonNode> all = exchanges().toList();
            return all.stream().filter(wanted).reduce((first, second) -> second)
                    .orElseThrow(() -> new AssertionError("no such exchange in " + all));
        }
    }
}
