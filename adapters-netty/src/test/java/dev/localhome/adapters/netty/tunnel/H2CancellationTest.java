package dev.localhome.adapters.netty.tunnel;

import dev.localhome.adapters.netty.testing.Await;
import dev.localhome.adapters.netty.backend.BackendPool;

import static org.assertj.core.api.Assertions.assertThat;

import dev.localhome.adapters.netty.testing.H2Tunnel;
import dev.localhome.adapters.netty.testing.LogCapture;
import dev.localhome.adapters.netty.testing.RawBackend;
import dev.localhome.adapters.netty.testing.ProxyFixture;
import dev.localhome.adapters.netty.testing.TestBackend;
import io.netty.handler.codec.http2.Http2Error;
import io.netty.handler.codec.http2.Http2FrameStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A browser cancels streams all the time (a page of hundreds of modules reloaded mid-load): on an intercepted h2
 * tunnel that is ordinary, while a flood far beyond it still ends the session, with one line in the log.
 */
class H2CancellationTest {
    @RegisterExtension
    static final ProxyFixture fixture = ProxyFixture.withCa().backend("app", () -> TestBackend.start(0, "app"), TestBackend::port);

    @Test
    void thousandsOfCancelledStreamsInBurstsKeepTheConnectionAndTheNextRequestIsAnswered() throws Exception {
        try (LogCapture logs = new LogCapture(); H2Tunnel tunnel = H2Tunnel.open(fixture.port(), "app", fixture.ca().root())) {
            int before = fixture.<TestBackend>backend("app").accepted();
            for (int burst = 0; burst < 30; burst++) {
                tunnel.cancelBurst(100, "/module.js");
                tunnel.ping(); // the proxy has read this burst, as a browser's next page load would follow it
            }
            assertThat(tunnel.goAway()).as("GOAWAY after 3000 cancels").isNotDone();
            assertThat(tunnel.isOpen()).isTrue();
            assertThat(tunnel.get("/after")).isEqualTo(new H2Tunnel.Response(200, "hello from app"));
            // cancelled in the same packet as they were sent, they cost no backend connection (at most a few, were a
            // stream's HEADERS and RST_STREAM ever read apart): a burst of them never exhausts anything
            assertThat(fixture.<TestBackend>backend("app").accepted() - before).as("backend connections for 3000 cancelled requests")
                    .isLessThanOrEqualTo(BackendPool.CONNECTIONS_PER_ENDPOINT);
            assertThat(logs.warnings()).isEmpty();
            assertThat(logs.escapedFailures()).isEmpty();
        }
    }

    @Test
    void streamsCancelledWhileTheirBackendIsAnsweringCloseThoseBackendConnectionsAndLeakNothing() throws Exception {
        AtomicInteger requestsHeld = new AtomicInteger();
        try (LogCapture logs = new LogCapture();
             RawBackend slow = RawBackend.start((socket, in, out) -> {
                 for (String head; !(head = RawBackend.readHead(in)).isEmpty(); ) {
                     if (head.startsWith("GET /answer")) {
                         RawBackend.write(out, "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok");
                         continue;
                     }
                     requestsHeld.incrementAndGet();
                     if (in.read() >= 0) throw new IllegalStateException("the proxy sent more than one request");
                     return; // the proxy closed this connection, as it must once the stream was cancelled
                 }
             })) {
            fixture.proxy().services.put("slow", slow.port());
            try (H2Tunnel tunnel = H2Tunnel.open(fixture.port(), "slow", fixture.ca().root())) {
                for (int burst = 1; burst <= 4; burst++) {
                    List<Http2FrameStream> streams = new ArrayList<>();
                    for (int i = 0; i < 50; i++) streams.add(tunnel.start("/slow-module.js?" + i));
                    // the first ones reach the backend, up to the cap of connections; the rest wait in the queue
                    int held = BackendPool.CONNECTIONS_PER_ENDPOINT * burst;
                    poll(() -> requestsHeld.get() >= held, "the backend holds " + held + " requests");
                    for (Http2FrameStream stream : streams) tunnel.cancel(stream);
                    tunnel.ping();
                }
                poll(() -> slow.open() == 0, "every backend connection of a cancelled stream is closed");
                assertThat(tunnel.isOpen()).isTrue();
                assertThat(tunnel.get("/answer")).isEqualTo(new H2Tunnel.Response(200, "ok"));
            } finally {
                fixture.proxy().services.remove("slow");
            }
            assertThat(logs.warnings()).isEmpty();
            assertThat(logs.escapedFailures()).isEmpty();
        }
    }

    @Test
    void aStreamCancelledMidDownloadClosesItsBackendConnection() throws Exception {
        try (LogCapture logs = new LogCapture(); TestBackend big = TestBackend.start(0, "big")) {
            fixture.proxy().services.put("big", big.port()); // a backend of its own: no connection pooled by another test
            try (H2Tunnel tunnel = H2Tunnel.open(fixture.port(), "big", fixture.ca().root())) {
                Http2FrameStream download = tunnel.start("/bytes?n=" + (64L << 20)); // stalls at the client's window
                assertThat(tunnel.awaitStatus(download)).isEqualTo(200);
                assertThat(big.open()).as("the download's backend connection").isEqualTo(1);

                tunnel.cancel(download);
                poll(() -> big.open() == 0, "the cancelled download's backend connection is closed");
                assertThat(tunnel.get("/after")).isEqualTo(new H2Tunnel.Response(200, "hello from big"));
            } finally {
                fixture.proxy().services.remove("big");
            }
            assertThat(logs.escapedFailures()).isEmpty();
        }
    }

    /** Waits, bounded (below RawBackend's 15 s read timeout), for {@code condition}; fails with {@code what} otherwise. */
    private static void poll(BooleanSupplier condition, String what) throws Exception {
        Await.until(what, Duration.ofSeconds(10), condition::getAsBoolean);
    }

    @Test
    void aFloodOfCancelledStreamsFarAboveTheLimitClosesTheSessionWithOneClearLogLine() throws Exception {
        try (LogCapture logs = new LogCapture(); H2Tunnel tunnel = H2Tunnel.open(fixture.port(), "app", fixture.ca().root())) {
            int bursts = 3 * AlpnHandler.MAX_RESETS_PER_WINDOW / 100;
            for (int burst = 0; burst < bursts && !tunnel.goAway().isDone() && tunnel.isOpen(); burst++)
                tunnel.cancelBurst(100, "/flood");

            // Bounds, not timing assertions: on a loaded 2-core machine the proxy may take a while through 30 000
            // streams (seen past 20 s while a benchmark shared the CPU); alone it takes a few seconds.
            assertThat(tunnel.awaitClosed(90)).as("the session closed").isTrue();
            // The GOAWAY is written just before the close, while the client's flood is still unread on the proxy's
            // side: the kernel then answers with a reset, which may discard the GOAWAY before this client reads it
            // (seen in one full run of three). When it does arrive, it says why.
            if (tunnel.goAway().isDone())
                assertThat(tunnel.goAway().get().errorCode()).isEqualTo(Http2Error.ENHANCE_YOUR_CALM.code());
            assertThat(logs.warnings()).singleElement().asString()
                    .contains("reset more than " + AlpnHandler.MAX_RESETS_PER_WINDOW + " streams")
                    .doesNotContain(" | "); // no exception attached: one line, not a stack trace
            assertThat(logs.escapedFailures()).isEmpty();
        }
    }
}
