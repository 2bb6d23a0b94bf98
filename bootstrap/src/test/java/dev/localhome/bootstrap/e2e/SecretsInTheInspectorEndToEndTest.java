package dev.localhome.bootstrap.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.localhome.bootstrap.config.Environment;
import dev.localhome.bootstrap.e2e.InterceptedHttpsEndToEndTest.Curl;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A request whose query carries secrets ({@code token}, {@code access_token}, {@code password}, {@code code}), by
 * every way there is to arrive (by {@code Host}, absolute form as the PAC sends it, {@code CONNECT :80}, intercepted
 * TLS over HTTP/1.1 and h2), with curl and the JDK client, through the daemon as a real process to a dev server as a
 * real process: no reader of the inspector ever sees the values, neither {@code /api/requests}, nor its live stream,
 * nor the dashboard's HTML, nor {@code localhome requests --json}; the keys stay visible. Header recording is on,
 * and a {@code Referer} that carries a secret is redacted the same way.
 */
class SecretsInTheInspectorEndToEndTest {
    private static final String SECRET = "SEKRIT";
    private static final String QUERY = "token=SEKRIT&access_token=SEKRIT&password=SEKRIT&code=SEKRIT&page=2";
    private static final String REDACTED = "token=(redacted)&access_token=(redacted)&password=(redacted)&code=(redacted)&page=2";
    private static final Duration BOUND = Duration.ofSeconds(20);
    private static final List<String> PATHS = List.of("/by-host-curl", "/by-host-jdk", "/pac-curl", "/pac-jdk",
            "/connect80-curl", "/tls-h1-curl", "/tls-h1-jdk", "/tls-h2-curl", "/tls-h2-jdk");

    @TempDir
    static Path directory;
    private static DaemonProcess daemon;
    private static BackendProcess app;
    private static final StringBuilder streamed = new StringBuilder();
    private static Thread streamReader;

    @BeforeAll
    static void start() throws Exception {
        assumeTrue(Curl.installed(), "needs curl");
        daemon = DaemonProcess.start(directory, "{\"inspectHeaders\": true}");
        app = BackendProcess.start(BackendProcess.uniqueName("secrets"));
        followTheStream();
        sendEveryWay();
    }

    @AfterAll
    static void stop() throws Exception {
        try {
            if (app != null) app.close();
        } finally {
            if (daemon != null) daemon.close();
        }
    }

    @Test
    void theApiShowsTheKeysButNoValue() throws Exception {
        String json = local("/api/requests?service=" + app.name() + "&n=1000");

        assertThat(json).doesNotContain(SECRET);
        for (String path : PATHS) assertThat(json).as("recorded: %s", path).contains(path + "?" + REDACTED);
        assertThat(json).contains("\"referer\",\"http://" + app.name() + "/from?token=(redacted)\"");
    }

    @Test
    void theLiveStreamShowsNoValue() throws Exception {
        long deadline = System.nanoTime() + BOUND.toNanos();
        while (!PATHS.stream().allMatch(path -> streamedText().contains(path + "?")) && System.nanoTime() < deadline)
            Thread.sleep(50); // polling what the reader thread has read, bounded

        assertThat(streamedText()).as("the stream carried every exchange").contains(PATHS.get(0) + "?" + REDACTED)
                .contains(PATHS.get(PATHS.size() - 1) + "?" + REDACTED).doesNotContain(SECRET);
    }

    @Test
    void theDashboardHtmlShowsNoValue() throws Exception {
        assertThat(local("/")).contains("localhome").doesNotContain(SECRET);
    }

    @Test
    void localhomeRequestsJsonShowsTheKeysButNoValue() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        Path home = directory.resolve("cli-home");
        int exit = dev.localhome.bootstrap.cli.Cli.execute(new String[] {"requests", app.name(), "--json", "-n", "1000",
                "--port", String.valueOf(daemon.port())}, Environment.of(Map.of("HOME", home.toString(), "PATH", ""),
                home, home), new PrintWriter(out, true), new PrintWriter(err, true));

        assertThat(exit).as("stderr: %s", err).isZero();
        assertThat(out.toString()).doesNotContain(SECRET).contains(PATHS.get(2) + "?" + REDACTED);
    }

    private static void sendEveryWay() throws Exception {
        String proxy = "http://127.0.0.1:" + daemon.port();
        String host = app.name() + ".localhost:" + daemon.port();
        String pem = daemon.rootPem().toString();
        curl("-H", "Host: " + host, "-H", "Referer: http://" + app.name() + "/from?token=" + SECRET,
                "http://127.0.0.1:" + daemon.port() + "/by-host-curl?" + QUERY);
        curl("--proxy", proxy, "http://" + app.name() + "/pac-curl?" + QUERY); // a CA: localhome's own 302
        curl("--proxytunnel", "--proxy", proxy, "http://" + app.name() + "/connect80-curl?" + QUERY);
        curl("--http1.1", "--proxy", proxy, "--cacert", pem, "https://" + app.name() + "/tls-h1-curl?" + QUERY);
        curl("--http2", "--proxy", proxy, "--cacert", pem, "https://" + app.name() + "/tls-h2-curl?" + QUERY);

        HttpClient plain = HttpClient.newBuilder().proxy(HttpClient.Builder.NO_PROXY).build();
        jdk(plain, HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + daemon.port() + "/by-host-jdk?" + QUERY))
                .header("Host", host));
        jdk(daemon.browser(HttpClient.Version.HTTP_1_1), HttpRequest.newBuilder(URI.create("http://" + app.name()
                + "/pac-jdk?" + QUERY)));
        jdk(daemon.browser(HttpClient.Version.HTTP_1_1), HttpRequest.newBuilder(URI.create("https://" + app.name()
                + "/tls-h1-jdk?" + QUERY)));
        jdk(daemon.browser(HttpClient.Version.HTTP_2), HttpRequest.newBuilder(URI.create("https://" + app.name()
                + "/tls-h2-jdk?" + QUERY)));
    }

    private static void curl(String... arguments) throws IOException {
        Curl.Result result = Curl.run(arguments);
        assertThat(result.exitCode()).as("curl %s; stderr: %s", List.of(arguments), result.stderr()).isZero();
    }

    private static void jdk(HttpClient client, HttpRequest.Builder request) throws Exception {
        HttpResponse<String> response = client.send(request.timeout(BOUND).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isIn(200, 302);
    }

    /** The daemon's own page or API at {@code path}, as a tool on this machine asks for it. */
    private static String local(String path) throws Exception {
        return HttpClient.newBuilder().proxy(HttpClient.Builder.NO_PROXY).build().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + daemon.port() + path)).timeout(BOUND).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    /** Reads {@code /api/requests/stream} from now on, in the background, into {@link #streamed}. */
    private static void followTheStream() throws Exception {
        HttpResponse<InputStream> stream = HttpClient.newBuilder().proxy(HttpClient.Builder.NO_PROXY).build().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + daemon.port() + "/api/requests/stream"))
                        .header("Accept", "text/event-stream").build(), HttpResponse.BodyHandlers.ofInputStream());
        assertThat(stream.statusCode()).isEqualTo(200);
        streamReader = new Thread(() -> {
            byte[] buffer = new byte[8192];
            try (InputStream in = stream.body()) {
                int n;
                while ((n = in.read(buffer)) > 0) {
                    synchronized (streamed) {
                        streamed.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
                    }
                }
            } catch (IOException ended) {
                // the daemon stopped
            }
        }, "requests-stream");
        streamReader.setDaemon(true);
        streamReader.start();
    }

    private static String streamedText() {
        synchronized (streamed) {
            return streamed.toString();
        }
    }
}
