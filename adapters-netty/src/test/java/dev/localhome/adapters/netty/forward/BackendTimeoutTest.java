package dev.localhome.adapters.netty.forward;

import static org.assertj.core.api.Assertions.assertThat;

import dev.localhome.adapters.netty.inbound.ProxyLimits;
import dev.localhome.adapters.netty.testing.Await;
import dev.localhome.adapters.netty.testing.ProxyFixture;
import dev.localhome.adapters.netty.testing.RawBackend;
import dev.localhome.adapters.netty.testing.RawConnection;
import dev.localhome.adapters.netty.testing.TestBackend;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A backend that accepts a request and never answers gets the client a {@code 504} once the configured wait is over,
 * on the reverse path and in an intercepted tunnel; other services are served meanwhile, nothing leaks, and a response
 * that has started (an event stream) is never cut by the wait.
 */
class BackendTimeoutTest {
    private static final Duration ANSWER_WITHIN = Duration.ofSeconds(1);

    @RegisterExtension
    static final ProxyFixture fixture = ProxyFixture.withCa()
            .limits(ProxyLimits.defaults().withBackendTimeout(ANSWER_WITHIN))
            .backend("silent", () -> RawBackend.start((socket, in, out) -> {
                while (in.read() >= 0) {
                    // reads the request and whatever follows, and never answers
                }
            }), RawBackend::port)
            .backend("events", () -> RawBackend.start(BackendTimeoutTest::slowEvents), RawBackend::port)
            .backend("app", () -> TestBackend.start(0, "app"), TestBackend::port);

    /** An event stream whose second event comes twice the configured wait after its head. */
    private static void slowEvents(java.net.Socket socket, java.io.InputStream in, OutputStream out)
            throws IOException, InterruptedException {
        RawBackend.readHead(in);
        out.write(("HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nTransfer-Encoding: chunked\r\n\r\n"
                + chunk("data: one\n\n")).getBytes(StandardCharsets.US_ASCII));
        out.flush();
        Thread.sleep(ANSWER_WITHIN.multipliedBy(2).toMillis()); // the backend's pace, not a wait before an assertion
        out.write((chunk("data: two\n\n") + "0\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    private static String chunk(String data) {
        return Integer.toHexString(data.length()) + "\r\n" + data + "\r\n";
    }

    @Test
    void aSilentBackendGetsTheReverseClientA504NamingTheServicePortAndWait() throws Exception {
        long fdsBefore = fdCount();
        try (RawConnection client = new RawConnection(fixture.port())) {
            client.send("GET /hang HTTP/1.1\r\nHost: silent.localhost\r\n\r\n");
            // Meanwhile, another service answers at once.
            try (RawConnection other = new RawConnection(fixture.port())) {
                other.send("GET / HTTP/1.1\r\nHost: app.localhost\r\nConnection: close\r\n\r\n");
                assertThat(other.readHead()).startsWith("HTTP/1.1 200 ");
            }
            String answer = new String(client.readUntilClosed(), StandardCharsets.UTF_8);
            assertThat(answer).startsWith("HTTP/1.1 504 ")
                    .contains("silent").contains(":" + fixture.<RawBackend>backend("silent").port())
                    .contains("within 1 s");
        }
        try (RawConnection inspector = new RawConnection(fixture.port())) {
            inspector.send("GET /api/requests?service=silent HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
            assertThat(new String(inspector.readUntilClosed(), StandardCharsets.UTF_8)).as("the inspector's record")
                    .contains("/hang").contains("504");
        }
        Await.until("the proxy's open files back to their count", Duration.ofSeconds(10), BackendTimeoutTest::fdCount,
                count -> count <= fdsBefore + 2);
        Await.until("the silent backend's connection closed", Duration.ofSeconds(10),
                () -> fixture.<RawBackend>backend("silent").open(), open -> open == 0);
    }

    @Test
    void aSilentBackendGetsTheInterceptedClientA504() throws Exception {
        HttpClient client = fixture.ca().clientThrough(fixture.port()).build();
        CompletableFuture<HttpResponse<String>> hanging = client.sendAsync(
                HttpRequest.newBuilder(URI.create("https://silent/hang")).build(), HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> other = client.send(HttpRequest.newBuilder(URI.create("https://app/")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(other.statusCode()).as("another service, served meanwhile").isEqualTo(200);

        HttpResponse<String> answer = hanging.get(10, java.util.concurrent.TimeUnit.SECONDS);
        assertThat(answer.statusCode()).isEqualTo(504);
        assertThat(answer.body()).contains("silent").contains(":" + fixture.<RawBackend>backend("silent").port());
    }

    @Test
    void anEventStreamThatStartedIsNotCutByTheWait() throws Exception {
        try (RawConnection client = new RawConnection(fixture.port())) {
            client.send("GET /events HTTP/1.1\r\nHost: events.localhost\r\nConnection: close\r\n\r\n");
            String answer = new String(client.readUntilClosed(), StandardCharsets.UTF_8);
            assertThat(answer).startsWith("HTTP/1.1 200 ").contains("data: one").contains("data: two");
        }
    }

    private static long fdCount() throws IOException {
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            return fds.count();
        }
    }
}
