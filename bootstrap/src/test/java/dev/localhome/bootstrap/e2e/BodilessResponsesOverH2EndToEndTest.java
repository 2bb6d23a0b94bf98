package dev.localhome.bootstrap.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.localhome.bootstrap.e2e.InterceptedHttpsEndToEndTest.Curl;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A dev server that sends {@code Content-Length: 7} on responses that have no content ({@code 204}, {@code 304}, the
 * answer to {@code HEAD}), relayed over h2 in an intercepted tunnel: curl and nghttp get a clean answer, one HEADERS
 * frame that ends the stream, where a {@code content-length} on a {@code 204} would make them reset it
 * (PROTOCOL_ERROR). The backend is a real process ({@code TestBackend}'s {@code /bodiless}, written past Netty's
 * encoder, which would have cleaned it).
 */
class BodilessResponsesOverH2EndToEndTest {
    @TempDir
    static Path directory;
    private static RunningDaemon daemon;
    private static BackendProcess app;

    @BeforeAll
    static void start() throws IOException {
        assumeTrue(Curl.installed(), "needs curl");
        daemon = RunningDaemon.withCa(directory);
        app = BackendProcess.start(BackendProcess.uniqueName("bodiless"));
    }

    @AfterAll
    static void stop() {
        try {
            if (app != null) app.close();
        } finally {
            if (daemon != null) daemon.close();
        }
    }

    @ParameterizedTest(name = "{1} {0} over {2}")
    @CsvSource({"204, GET, --http2", "304, GET, --http2", "200, HEAD, --http2", "204, GET, --http1.1", "200, HEAD, --http1.1"})
    void curlGetsACleanBodilessAnswer(int code, String method, String version) throws IOException {
        List<String> arguments = new ArrayList<>(List.of(version, "--proxy", "http://127.0.0.1:" + daemon.port(),
                "--cacert", daemon.rootPem().toString(), "--dump-header", "-", "--write-out", "%{http_code} %{http_version}"));
        if (method.equals("HEAD")) arguments.add("--head");
        arguments.add("https://" + app.name() + "/bodiless?code=" + code);

        Curl.Result result = Curl.run(arguments.toArray(String[]::new));

        assertThat(result.exitCode()).as("curl exit code; stderr: %s", result.stderr()).isZero();
        assertThat(result.stdout()).endsWith(code + " " + (version.equals("--http2") ? "2" : "1.1"));
        assertThat(result.stdout().toLowerCase()).as("the backend's answer to this very request")
                .contains("x-method: " + method.toLowerCase());
        if (code == 204) assertThat(result.stdout().toLowerCase()).doesNotContain("content-length");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(ints = {204, 304})
    void nghttpGetsOneHeadersFrameThatEndsTheStream(int code) throws Exception {
        assumeTrue(installed("nghttp"), "needs nghttp (nghttp2-client)");
        try (SocketRelay tunnel = SocketRelay.throughTunnel(daemon.port(), app.name() + ":443")) {
            // nghttp has no proxy option: the relay is its CONNECT; an IP address sends no SNI
            String out = run(List.of("nghttp", "--verbose", "--timeout=20", "-H", ":authority: " + app.name(),
                    "https://127.0.0.1:" + tunnel.port() + "/bodiless?code=" + code));

            assertThat(out).contains(":status: " + code).contains("; END_STREAM | END_HEADERS")
                    .doesNotContain("recv DATA frame").doesNotContain("recv RST_STREAM");
            if (code == 204) assertThat(out).doesNotContain("content-length");
        }
    }

    private static boolean installed(String program) {
        try {
            Process process = new ProcessBuilder(program, "--version").redirectErrorStream(true).start();
            process.getInputStream().readAllBytes();
            return process.waitFor(10, TimeUnit.SECONDS) && process.exitValue() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    /** A program's stdout and stderr; fails unless it exits 0 in time. */
    private static String run(List<String> command) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
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
        assertThat(process.exitValue()).as("%s exit code; output: %s", command.get(0), out).isZero();
        return out;
    }
}
