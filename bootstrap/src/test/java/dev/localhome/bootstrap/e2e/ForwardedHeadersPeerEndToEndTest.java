package dev.localhome.bootstrap.e2e;

import dev.localhome.adapters.netty.testing.SystemTools;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.localhome.bootstrap.e2e.InterceptedHttpsEndToEndTest.Curl;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What an Express app with {@code app.set('trust proxy', true)} makes of the {@code X-Forwarded-*} headers the
 * daemon adds, on every way to it, with clients nobody here wrote: curl (HTTP/1.1 and {@code --http2}), nghttp (h2
 * only; it has no proxy support, so it speaks through a tunnel opened for it) and the JDK {@code HttpClient}.
 * README.md's table of those headers is this test in prose. And a config with {@code "forwardedHeaders": false}
 * adds none.
 */
class ForwardedHeadersPeerEndToEndTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path directory;
    private static PeerPaths paths;
    private static RunningDaemon withoutForwardedHeaders;
    private static BackendProcess express;

    @BeforeAll
    static void start() throws IOException {
        express = NodePeers.server("express-server.js", BackendProcess.uniqueName("express"));
        paths = PeerPaths.start(directory);
        withoutForwardedHeaders = RunningDaemon.withCa(directory.resolve("off"), config -> config.withForwardedHeaders(false));
    }

    @AfterAll
    static void stop() {
        if (express != null) express.close();
        if (withoutForwardedHeaders != null) withoutForwardedHeaders.close();
        if (paths != null) paths.close();
    }

    private static String name() {
        return express.name();
    }

    private static JsonNode curl(String... arguments) throws IOException {
        SystemTools.require("curl", "curl");
        Curl.Result result = Curl.run(arguments);
        assertThat(result.exitCode()).as("curl exit code; stderr: %s", result.stderr()).isZero();
        return JSON.readTree(result.stdout());
    }

    private static JsonNode reverse(RunningDaemon daemon) throws IOException {
        String host = name() + ".localhost:" + daemon.port();
        return curl("--resolve", host + ":127.0.0.1", "http://" + host + "/whoami");
    }

    private static JsonNode interceptedWithCurl(RunningDaemon daemon, String version) throws IOException {
        return curl(version, "--proxy", "http://127.0.0.1:" + daemon.port(), "--cacert", daemon.rootPem().toString(),
                "https://" + name() + "/whoami");
    }

    @Test
    void throughInterceptedTlsOverHttp1ExpressSeesHttpsAndTheBareName() throws IOException {
        JsonNode seen = interceptedWithCurl(paths.withCa(), "--http1.1");

        assertThat(seen.path("protocol").asText()).isEqualTo("https");
        assertThat(seen.path("secure").asBoolean()).isTrue();
        assertThat(seen.path("hostname").asText()).isEqualTo(name());
        assertThat(seen.path("ip").asText()).isEqualTo("127.0.0.1");
        assertThat(seen.path("forwarded").path("host").asText()).isEqualTo(name());
    }

    @Test
    void throughInterceptedTlsOverH2CurlGetsTheSameAnswerOverH2() throws IOException {
        Curl.Result result = Curl.run("--http2", "--proxy", "http://127.0.0.1:" + paths.withCa().port(),
                "--cacert", paths.withCa().rootPem().toString(), "--write-out", "\n%{http_version}",
                "https://" + name() + "/whoami");
        assertThat(result.exitCode()).as("curl exit code; stderr: %s", result.stderr()).isZero();
        String[] bodyAndVersion = result.stdout().split("\n");

        assertThat(bodyAndVersion[1]).as("the HTTP version curl spoke").isEqualTo("2");
        JsonNode seen = JSON.readTree(bodyAndVersion[0]);
        assertThat(seen.path("protocol").asText()).isEqualTo("https");
        assertThat(seen.path("hostname").asText()).isEqualTo(name());
    }

    @Test
    void throughInterceptedTlsOverH2NghttpGetsTheSameAnswer() throws Exception {
        try (SocketRelay tunnel = SocketRelay.throughTunnel(paths.withCa().port(), name() + ":443")) {
            // nghttp speaks h2 only (ALPN h2, or it fails); without a proxy option, the relay is its CONNECT.
            // An IP address sends no SNI, as the JDK sends none for a dot-free name; :authority names the service.
            SystemTools.require("nghttp", "nghttp2-client");
            String out = run(List.of("nghttp", "--timeout=20", "-H", ":authority: " + name(),
                    "https://127.0.0.1:" + tunnel.port() + "/whoami"));

            JsonNode seen = JSON.readTree(out);
            assertThat(seen.path("protocol").asText()).isEqualTo("https");
            assertThat(seen.path("hostname").asText()).isEqualTo(name());
        }
    }

    @Test
    void throughInterceptedTlsOverH2TheJdkClientGetsTheSameAnswer() throws Exception {
        HttpResponse<String> response = paths.withCa().browser().send(HttpRequest.newBuilder(
                URI.create("https://" + name() + "/whoami")).timeout(Duration.ofSeconds(20)).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.version()).isEqualTo(HttpClient.Version.HTTP_2);
        JsonNode seen = JSON.readTree(response.body());
        assertThat(seen.path("protocol").asText()).isEqualTo("https");
        assertThat(seen.path("hostname").asText()).isEqualTo(name());
        assertThat(seen.path("ip").asText()).as("X-Forwarded-For from an h2 stream").isEqualTo("127.0.0.1");
    }

    @Test
    void throughTheReverseProxyExpressSeesHttpAndTheLocalhostName() throws IOException {
        JsonNode seen = reverse(paths.withCa());

        assertThat(seen.path("protocol").asText()).isEqualTo("http");
        assertThat(seen.path("hostname").asText()).isEqualTo(name() + ".localhost");
        assertThat(seen.path("forwarded").path("host").asText()).isEqualTo(name() + ".localhost:" + paths.withCa().port());
        assertThat(seen.path("ip").asText()).isEqualTo("127.0.0.1");
    }

    @Test
    void throughAbsoluteFormExpressSeesHttpAndTheBareName() throws IOException {
        JsonNode seen = curl("--proxy", "http://127.0.0.1:" + paths.withoutCa().port(), "http://" + name() + "/whoami");

        assertThat(seen.path("protocol").asText()).isEqualTo("http");
        assertThat(seen.path("hostname").asText()).isEqualTo(name());
        assertThat(seen.path("host").asText()).as("the Host the server itself sees").startsWith("localhost:");
    }

    @Test
    void throughConnectToPortEightyExpressSeesHttpAndTheBareName() throws IOException {
        JsonNode seen = curl("--proxytunnel", "--proxy", "http://127.0.0.1:" + paths.withCa().port(),
                "http://" + name() + "/whoami");

        assertThat(seen.path("protocol").asText()).isEqualTo("http");
        assertThat(seen.path("hostname").asText()).isEqualTo(name());
    }

    @Test
    void withForwardedHeadersOffExpressSeesOnlyWhatTheRequestItselfSays() throws IOException {
        JsonNode intercepted = interceptedWithCurl(withoutForwardedHeaders, "--http1.1");
        JsonNode reverse = reverse(withoutForwardedHeaders);

        for (JsonNode seen : List.of(intercepted, reverse)) {
            assertThat(seen.path("forwarded").path("host").isNull()).as("X-Forwarded-Host in %s", seen).isTrue();
            assertThat(seen.path("forwarded").path("proto").isNull()).as("X-Forwarded-Proto in %s", seen).isTrue();
            assertThat(seen.path("forwarded").path("for").isNull()).as("X-Forwarded-For in %s", seen).isTrue();
            assertThat(seen.path("protocol").asText()).isEqualTo("http");
        }
        assertThat(intercepted.path("hostname").asText()).as("the Host the daemon rewrote for the dev server").isEqualTo("localhost");
        assertThat(reverse.path("hostname").asText()).isEqualTo(name() + ".localhost");
    }

    /** A program's stdout, with no proxy settings from the environment; fails unless it exits 0 in time. */
    private static String run(List<String> command) throws IOException, InterruptedException {
        Path stderr = Files.createTempFile("peer", ".err");
        try {
            ProcessBuilder builder = new ProcessBuilder(new ArrayList<>(command)).redirectError(stderr.toFile());
            String path = System.getenv("PATH");
            builder.environment().clear();
            builder.environment().put("PATH", path == null ? "/usr/bin:/bin" : path);
            Process process = builder.start();
            process.getOutputStream().close();
            String out;
            try (InputStream stdout = process.getInputStream()) {
                out = new String(stdout.readAllBytes(), StandardCharsets.UTF_8);
            }
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IOException(command.get(0) + " did not finish");
            }
            assertThat(process.exitValue()).as("%s exit code; stderr: %s", command.get(0), Files.readString(stderr)).isZero();
            return out;
        } finally {
            Files.deleteIfExists(stderr);
        }
    }
}
