package dev.localhome.adapters.netty.forward;

import static org.assertj.core.api.Assertions.assertThat;

import dev.localhome.adapters.netty.testing.ProxyFixture;
import dev.localhome.adapters.netty.testing.RawBackend;
import dev.localhome.adapters.netty.testing.SystemTools;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A backend that refuses an upload from its head alone ({@code 417}, {@code 413}) is answered while the client is
 * still sending 10 MB: the client must read that status every time, not a reset (the proxy's lingering close reads
 * and drops the rest of the body before it closes). curl with and without {@code Expect: 100-continue}, on the
 * reverse path and in an intercepted tunnel, and the JDK client in the tunnel.
 */
class EarlyAnswerUploadTest {
    private static final int TRIES = 50;
    private static final int BODY_BYTES = 10 * 1024 * 1024;

    @RegisterExtension
    static final ProxyFixture fixture = ProxyFixture.withCa()
            .backend("refuse417", () -> RawBackend.start(refusing("417 Expectation Failed")), RawBackend::port)
            .backend("refuse413", () -> RawBackend.start(refusing("413 Content Too Large")), RawBackend::port);

    @TempDir
    static Path directory;

    /** Answers from the head alone, then reads and drops what comes until the proxy closes: it never resets the proxy. */
    private static RawBackend.Behaviour refusing(String status) {
        return (Socket socket, InputStream in, OutputStream out) -> {
            RawBackend.readHead(in);
            out.write(("HTTP/1.1 " + status + "\r\nContent-Length: 7\r\nConnection: close\r\n\r\nrefused")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            socket.shutdownOutput();
            in.transferTo(OutputStream.nullOutputStream());
        };
    }

    @Test
    void curlReadsTheEarlyStatusEveryTimeOnTheReversePath() throws Exception {
        List<String> wrong = curlTries(statusCode -> List.of("-H", "Host: refuse" + statusCode + ".localhost",
                "http://127.0.0.1:" + fixture.port() + "/upload"));
        assertThat(wrong).as("tries that did not read the backend's status").isEmpty();
    }

    @Test
    void curlReadsTheEarlyStatusEveryTimeInAnInterceptedTunnel() throws Exception {
        Path root = directory.resolve("root.pem");
        Files.writeString(root, "-----BEGIN CERTIFICATE-----\n"
                + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(fixture.ca().root().getEncoded())
                + "\n-----END CERTIFICATE-----\n");
        List<String> wrong = curlTries(statusCode -> List.of("--http1.1", "--cacert", root.toString(),
                "--proxy", "http://127.0.0.1:" + fixture.port(), "https://refuse" + statusCode + "/upload"));
        assertThat(wrong).as("tries that did not read the backend's status").isEmpty();
    }

    @Test
    void theJdkClientReadsTheEarlyStatusInAnInterceptedTunnel() throws Exception {
        HttpClient client = fixture.ca().clientThrough(fixture.port()).version(HttpClient.Version.HTTP_1_1).build();
        byte[] body = new byte[BODY_BYTES];
        List<String> wrong = new ArrayList<>();
        for (int i = 0; i < TRIES / 5; i++) {
            int expected = i % 2 == 0 ? 417 : 413;
            try {
                int got = client.send(HttpRequest.newBuilder(URI.create("https://refuse" + expected + "/upload"))
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString())
                        .statusCode();
                if (got != expected) wrong.add("try " + i + ": " + got);
            } catch (IOException e) {
                wrong.add("try " + i + ": " + e);
            }
        }
        assertThat(wrong).as("tries that did not read the backend's status").isEmpty();
    }

    private interface Target {
        List<String> arguments(int statusCode);
    }

    /** {@link #TRIES} uploads, alternating 417 and 413, with and without {@code Expect: 100-continue}; the wrong outcomes. */
    private static List<String> curlTries(Target target) throws Exception {
        Path curl = SystemTools.require("curl", "curl");
        Path body = directory.resolve("10mb");
        if (!Files.exists(body)) Files.write(body, new byte[BODY_BYTES]);
        List<String> wrong = new ArrayList<>();
        for (int i = 0; i < TRIES; i++) {
            int expected = i % 2 == 0 ? 417 : 413;
            List<String> command = new ArrayList<>(List.of(curl.toString(), "-sS", "-o", "/dev/null", "-w", "%{http_code}",
                    "--max-time", "10", "--data-binary", "@" + body, "-H", i % 4 < 2 ? "Expect:" : "Expect: 100-continue"));
            command.addAll(target.arguments(expected));
            Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            // The status curl read. Not its exit code: told "Expect: 100-continue" by hand, curl answers a 417 by
            // sending the same request again (RFC 9110 §10.1.1), and gives up after 5 with exit 55 and that 417.
            String status = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (!process.waitFor(15, TimeUnit.SECONDS)) process.destroyForcibly();
            if (!status.equals(String.valueOf(expected))) wrong.add("try " + i + " (" + command.get(13) + "): " + status);
        }
        return wrong;
    }
}
