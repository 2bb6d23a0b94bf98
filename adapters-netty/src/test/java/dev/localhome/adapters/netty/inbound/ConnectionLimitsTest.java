package dev.localhome.adapters.netty.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import dev.localhome.adapters.netty.testing.Await;
import dev.localhome.adapters.netty.testing.ProxyUnderTest;
import dev.localhome.adapters.netty.testing.RawConnection;
import dev.localhome.adapters.netty.testing.TestBackend;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Slow, idle and too many clients are closed; WebSockets and the other clients are not affected. */
class ConnectionLimitsTest {
    private static final Duration SHORT = Duration.ofMillis(400);
    private TestBackend backend;
    private ProxyUnderTest proxy;

    @BeforeEach
    void start() throws Exception {
        backend = TestBackend.start(0, "app");
        proxy = new ProxyUnderTest(ProxyUnderTest.NO_CA,
                ProxyLimits.defaults().withHeadTimeout(SHORT).withIdleTimeout(SHORT.multipliedBy(2)).withMaxConnections(8));
        proxy.services.put("app", backend.port());
    }

    @AfterEach
    void stop() {
        proxy.close();
        backend.close();
    }

    @Test
    void aHeadThatTrickleInIsClosedWhileOthersAreServed() throws Exception {
        try (RawConnection slow = new RawConnection(proxy.port())) {
            slow.send("GET / HTTP/1.1\r\nHost: app.loc");
            assertThat(get()).isEqualTo("hello from app");
            assertThat(slow.closedWithoutBytes()).isTrue(); // within the socket's 10 s read timeout
        }
    }

    @Test
    void anIdleKeepAliveConnectionIsClosedAfterItsIdleTimeout() throws Exception {
        try (RawConnection raw = new RawConnection(proxy.port())) {
            raw.send("GET / HTTP/1.1\r\nHost: app.localhost\r\n\r\n");
            assertThat(raw.readHead()).startsWith("HTTP/1.1 200");
            raw.readExactly("hello from app".length());
            assertThat(raw.closedWithoutBytes()).isTrue();
        }
    }

    @Test
    void aQuietWebSocketIsNeverCutByTheIdleTimeout() throws Exception {
        try (RawConnection raw = new RawConnection(proxy.port())) {
            raw.send("GET /ws HTTP/1.1\r\nHost: app.localhost\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                    + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n");
            assertThat(raw.readHead()).startsWith("HTTP/1.1 101");
            Thread.sleep(SHORT.multipliedBy(5).toMillis()); // quiet for longer than both timeouts
            raw.sendFrame(0x1, "still here".getBytes(StandardCharsets.UTF_8));
            assertThat(new String(raw.readFramePayload(), StandardCharsets.UTF_8)).isEqualTo("still here");
        }
    }

    @Test
    void connectionsPastTheCapAreRefusedAndTheDaemonRecovers() throws Exception {
        List<RawConnection> open = new ArrayList<>();
        try {
            for (int i = 0; i < 8; i++) {
                RawConnection raw = new RawConnection(proxy.port());
                raw.send("GET / HTTP/1.1\r\nHost: app.localhost\r\n\r\n");
                assertThat(raw.readHead()).startsWith("HTTP/1.1 200"); // counted and served
                raw.readExactly("hello from app".length());
                open.add(raw);
            }
            try (RawConnection refused = new RawConnection(proxy.port())) {
                assertThat(refused.closedWithoutBytes()).isTrue();
            }
        } finally {
            for (RawConnection raw : open) raw.close();
        }
        assertThat(getWithinDeadline()).isEqualTo("hello from app");
    }

    private String get() throws Exception {
        try (RawConnection raw = new RawConnection(proxy.port())) {
            raw.send("GET / HTTP/1.1\r\nHost: app.localhost\r\nConnection: close\r\n\r\n");
            String answer = new String(raw.readUntilClosed(), StandardCharsets.UTF_8);
            return answer.substring(answer.indexOf("\r\n\r\n") + 4);
        }
    }

    /** The cap frees a slot when the server has seen a close; that may lag the client's close a little. */
    private String getWithinDeadline() throws Exception {
        return Await.until("a request past the cap is answered again", Duration.ofSeconds(10), () -> {
            try {
                return get();
            } catch (java.io.IOException refused) {
                return "";
            }
        }, body -> !body.isEmpty());
    }
}
