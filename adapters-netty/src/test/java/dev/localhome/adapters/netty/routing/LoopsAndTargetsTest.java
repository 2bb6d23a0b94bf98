package dev.localhome.adapters.netty.routing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.localhome.adapters.netty.testing.ProxyUnderTest;
import dev.localhome.adapters.netty.testing.RawBackend;
import dev.localhome.adapters.netty.testing.RawConnection;
import dev.localhome.adapters.netty.testing.TestBackend;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The proxy never forwards to itself: it marks what it forwards with {@code Via}, stops a request that comes back
 * ({@code 508}), and lets the request target reach its pages only at its own address and port. Real sockets, raw
 * HTTP: the requests no well-behaved client sends.
 */
class LoopsAndTargetsTest {
    private static TestBackend backend;
    private static RawBackend elsewhere;
    private static ProxyUnderTest proxy;

    @BeforeAll
    static void start() throws Exception {
        backend = TestBackend.start(0, "app");
        elsewhere = RawBackend.start((socket, in, out) -> RawBackend.write(out,
                "HTTP/1.1 200 OK\r\nContent-Length: 9\r\n\r\nelsewhere"));
        proxy = ProxyUnderTest.withoutCa();
        proxy.services.put("app", backend.port());
    }

    @AfterAll
    static void stop() {
        proxy.close();
        backend.close();
        elsewhere.close();
    }

    @Test
    void aForwardedRequestCarriesThisInstancesViaEntryAfterTheOnesBeforeIt() throws IOException {
        String echoed = exchange(proxy.port(), "GET /headers HTTP/1.1\r\nHost: app.localhost\r\nVia: 1.0 corp\r\n"
                + "Connection: close\r\n\r\n");

        assertThat(echoed).startsWith("HTTP/1.1 200")
                .contains("via: 1.0 corp, 1.1 " + proxy.self.pseudonym() + "\n");
    }

    @Test
    void aRequestThatAlreadyPassedThroughThisInstanceIs508NamingTheLoopAndNeverForwarded() throws IOException {
        String response = exchange(proxy.port(), "GET /headers HTTP/1.1\r\nHost: app.localhost\r\n"
                + "Via: 1.1 " + proxy.self.pseudonym() + "\r\n\r\n");

        assertThat(response).startsWith("HTTP/1.1 508 Loop Detected").contains("connection: close")
                .contains(proxy.self.pseudonym()).doesNotContain("GET /headers");
    }

    @Test
    void aRequestThroughSixProxiesIs508() throws IOException {
        String response = exchange(proxy.port(), "GET / HTTP/1.1\r\nHost: app.localhost\r\n"
                + "Via: 1.1 a, 1.1 b, 1.1 c, 1.1 d, 1.1 e, 1.1 f\r\n\r\n");

        assertThat(response).startsWith("HTTP/1.1 508").contains("6 proxies");
    }

    @Test
    void twoInstancesPointedAtEachOtherAnswer508AtOnce() throws Exception {
        try (ProxyUnderTest other = ProxyUnderTest.withoutCa()) {
            // each one's "loop" is the other's port: A -> B -> A, where A finds its own Via entry
            proxy.services.put("loop", other.port());
            other.services.put("loop", proxy.port());
            long started = System.nanoTime();

            String response = exchange(proxy.port(), "GET / HTTP/1.1\r\nHost: loop.localhost\r\n\r\n");

            assertThat(response).startsWith("HTTP/1.1 508").contains(proxy.self.pseudonym());
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(2));
        } finally {
            proxy.services.remove("loop");
        }
    }

    @Test
    void aNameMappedToTheProxysOwnPortIs508WithoutAConnection() throws IOException {
        proxy.services.put("self", proxy.port());
        try {
            String response = exchange(proxy.port(), "GET / HTTP/1.1\r\nHost: self.localhost\r\n\r\n");

            assertThat(response).startsWith("HTTP/1.1 508").contains("&#39;self&#39; is at 127.0.0.1:" + proxy.port());
        } finally {
            proxy.services.remove("self");
        }
    }

    @Test
    void anAbsoluteTargetAtTheProxysOwnAddressAndPortIsTheDashboard() throws IOException {
        String response = exchange(proxy.port(), "GET http://127.0.0.1:" + proxy.port() + "/ HTTP/1.1\r\n"
                + "Host: 127.0.0.1:" + proxy.port() + "\r\nConnection: close\r\n\r\n");

        assertThat(response).startsWith("HTTP/1.1 200").contains("localhome");
    }

    @Test
    void anAbsoluteTargetAtAnotherLoopbackPortIs421AndNeverConnectedTo() throws IOException {
        int before = elsewhere.accepted();

        String response = exchange(proxy.port(), "GET http://127.0.0.1:" + elsewhere.port() + "/ HTTP/1.1\r\n"
                + "Host: 127.0.0.1:" + elsewhere.port() + "\r\nConnection: close\r\n\r\n");

        assertThat(response).startsWith("HTTP/1.1 421").contains("does not connect to 127.0.0.1:" + elsewhere.port())
                .doesNotContain("elsewhere\r\n");
        assertThat(elsewhere.accepted()).isEqualTo(before);
    }

    @Test
    void anAbsoluteTargetAtLocalhostOnAnotherPortIs421() throws IOException {
        String response = exchange(proxy.port(), "GET http://localhost:" + elsewhere.port() + "/x HTTP/1.1\r\n"
                + "Host: localhost:" + elsewhere.port() + "\r\nConnection: close\r\n\r\n");

        assertThat(response).startsWith("HTTP/1.1 421");
    }

    @Test
    void connectToTheProxysOwnAddressAndPortOpensATunnelToTheDashboard() throws IOException {
        try (RawConnection connection = new RawConnection(proxy.port())) {
            connection.send("CONNECT 127.0.0.1:" + proxy.port() + " HTTP/1.1\r\nHost: 127.0.0.1:" + proxy.port() + "\r\n\r\n");
            assertThat(connection.readHead()).startsWith("HTTP/1.1 200");

            connection.send("GET /proxy.pac HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");

            assertThat(new String(connection.readUntilClosed(), StandardCharsets.ISO_8859_1))
                    .startsWith("HTTP/1.1 200").contains("FindProxyForURL");
        }
    }

    @Test
    void connectToAnotherLoopbackPortClosesWithoutAByteAndNeverConnects() throws IOException {
        int before = elsewhere.accepted();
        try (RawConnection connection = new RawConnection(proxy.port())) {
            connection.send("CONNECT 127.0.0.1:" + elsewhere.port() + " HTTP/1.1\r\nHost: 127.0.0.1:" + elsewhere.port()
                    + "\r\n\r\n");

            assertThat(connection.closedWithoutBytes()).isTrue();
        }
        assertThat(elsewhere.accepted()).isEqualTo(before);
    }

    @Test
    void twoHostHeadersAre400AndNeverForwarded() throws IOException {
        String response = exchange(proxy.port(), "GET /headers HTTP/1.1\r\nHost: app.localhost\r\nHost: evil.com\r\nConnection: close\r\n\r\n");

        assertThat(response).startsWith("HTTP/1.1 400").contains("exactly one Host header")
                .doesNotContain("GET /headers");
    }

    @Test
    void twoHostHeadersInsideAPlainTunnelAre400() throws IOException {
        try (RawConnection connection = new RawConnection(proxy.port())) {
            connection.send("CONNECT app:80 HTTP/1.1\r\nHost: app:80\r\n\r\n");
            assertThat(connection.readHead()).startsWith("HTTP/1.1 200");

            connection.send("GET /headers HTTP/1.1\r\nHost: app\r\nHost: evil.com\r\nConnection: close\r\n\r\n");

            assertThat(new String(connection.readUntilClosed(), StandardCharsets.ISO_8859_1)).startsWith("HTTP/1.1 400");
        }
    }

    @Test
    void aConnectWithTwoHostHeadersIs400AndOpensNoTunnel() throws IOException {
        String response = exchange(proxy.port(), "CONNECT app:80 HTTP/1.1\r\nHost: app:80\r\nHost: evil.com\r\n\r\n");

        assertThat(response).startsWith("HTTP/1.1 400").contains("connection: close");
    }

    /** Sends {@code request} and reads until the proxy closes; header names lower-cased for matching. */
    private static String exchange(int port, String request) throws IOException {
        try (RawConnection connection = new RawConnection(port)) {
            connection.send(request);
            String response = new String(connection.readUntilClosed(), StandardCharsets.ISO_8859_1);
            int headEnd = response.indexOf("\r\n\r\n");
            if (headEnd < 0) return response;
            String head = response.substring(0, headEnd);
            int firstLineEnd = head.indexOf("\r\n");
            return firstLineEnd < 0 ? response
                    : head.substring(0, firstLineEnd) + head.substring(firstLineEnd).toLowerCase() + response.substring(headEnd);
        }
    }
}
