package dev.localhome.adapters.netty.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import dev.localhome.adapters.netty.testing.RawConnection;
import dev.localhome.adapters.netty.testing.TestBackend;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.extension.RegisterExtension;
import dev.localhome.adapters.netty.testing.ProxyFixture;

/** Malformed and hostile request heads get a clear status or a silent close; nothing reaches a fixture.<TestBackend>backend("app"). */
class HostileInputTest {
    @RegisterExtension
    static final ProxyFixture fixture = ProxyFixture.withoutCa().backend("app", () -> TestBackend.start(0, "app"), TestBackend::port);

    static Stream<Arguments> smuggling() {
        String host = "Host: app.localhost\r\n";
        return Stream.of(
                Arguments.of("Content-Length beside Transfer-Encoding",
                        "POST /upload HTTP/1.1\r\n" + host + "Content-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n"),
                Arguments.of("two differing Content-Lengths",
                        "POST /upload HTTP/1.1\r\n" + host + "Content-Length: 5\r\nContent-Length: 6\r\n\r\nhello!"),
                Arguments.of("an invalid header name", "GET / HTTP/1.1\r\n" + host + "Bad Name: x\r\n\r\n"),
                Arguments.of("a control character in a value", "GET / HTTP/1.1\r\n" + host + "X-A: a\u0001b\r\n\r\n"),
                Arguments.of("a Transfer-Encoding that does not end in chunked",
                        "POST /upload HTTP/1.1\r\n" + host + "Transfer-Encoding: chunked, gzip\r\n\r\n0\r\n\r\n"),
                Arguments.of("a request line that is not HTTP", "GET / HTTP/1.1 extra\r\n" + host + "\r\n"));
    }

    @ParameterizedTest(name = "{0} is a 400 and the connection closes")
    @MethodSource("smuggling")
    void ambiguousRequestsAreRejected(String what, String request) throws Exception {
        try (RawConnection raw = new RawConnection(fixture.port())) {
            raw.send(request);
            assertThat(raw.readHead()).startsWith("HTTP/1.1 400");
            raw.readUntilClosed();
        }
        assertStillServing();
    }

    @Test
    void obsoleteLineFoldingIsJoinedIntoOneLineBeforeForwarding() throws Exception {
        // RFC 9112 §5.2 lets a server replace obs-fold with spaces instead of rejecting: the backend sees one value.
        try (RawConnection raw = new RawConnection(fixture.port())) {
            raw.send("GET /headers HTTP/1.1\r\nHost: app.localhost\r\nX-Folded: a\r\n b\r\n\r\n");
            String head = raw.readHead();
            int length = Integer.parseInt(head.replaceAll("(?s).*content-length: (\\d+).*", "$1"));
            String body = new String(raw.readExactly(length), StandardCharsets.UTF_8);
            assertThat(body).contains("x-folded: a b\n").doesNotContain("\r");
        }
    }

    @Test
    void aRequestLineOver8KibIs414() throws Exception {
        try (RawConnection raw = new RawConnection(fixture.port())) {
            raw.send("GET /" + "a".repeat(9_000) + " HTTP/1.1\r\nHost: app.localhost\r\n\r\n");
            assertThat(raw.readHead()).startsWith("HTTP/1.1 414");
        }
        assertStillServing();
    }

    @Test
    void moreThan200HeaderFieldsIs431() throws Exception {
        StringBuilder request = new StringBuilder("GET / HTTP/1.1\r\nHost: app.localhost\r\n");
        for (int i = 0; i < 201; i++) request.append("X-H").append(i).append(": v\r\n");
        try (RawConnection raw = new RawConnection(fixture.port())) {
            raw.send(request.append("\r\n").toString());
            assertThat(raw.readHead()).startsWith("HTTP/1.1 431");
        }
    }

    static Stream<String> badConnectTargets() {
        return Stream.of("app", "app:", "app:0", "user@app:443", "127.0.0.1:443", "[::1]:443", "example.com:443",
                "app:22", "nope:443", "app:443:1");
    }

    @ParameterizedTest(name = "CONNECT {0} closes without a byte")
    @MethodSource("badConnectTargets")
    void oddConnectTargetsAreClosedWithoutBytes(String target) throws Exception {
        try (RawConnection raw = new RawConnection(fixture.port())) {
            raw.send("CONNECT " + target + " HTTP/1.1\r\nHost: " + target + "\r\n\r\n");
            assertThat(raw.closedWithoutBytes()).isTrue();
        }
    }

    @Test
    void absoluteUrisForOtherHostsAreNeverForwarded() throws Exception {
        for (String target : new String[] {"http://example.com/", "http://127.0.0.1:" + fixture.<TestBackend>backend("app").port() + "/", "http://10.1.2.3/"}) {
            try (RawConnection raw = new RawConnection(fixture.port())) {
                raw.send("GET " + target + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
                String answer = new String(raw.readUntilClosed(), StandardCharsets.ISO_8859_1);
                assertThat(answer).doesNotContain("hello from app");
            }
        }
    }

    private static void assertStillServing() throws Exception {
        try (RawConnection raw = new RawConnection(fixture.port())) {
            raw.send("GET / HTTP/1.1\r\nHost: app.localhost\r\n\r\n");
            assertThat(raw.readHead()).startsWith("HTTP/1.1 200");
        }
    }
}
