package dev.localhome.adapters.netty.tunnel;

import static org.assertj.core.api.Assertions.assertThat;

import dev.localhome.adapters.netty.testing.H2Tunnel;
import dev.localhome.adapters.netty.testing.ProxyFixture;
import dev.localhome.adapters.netty.testing.TestBackend;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * An h2 upload answered in full before the client's END_STREAM came (the backend counted the body by its
 * {@code Content-Length}; the client ends the stream with an empty DATA frame of its own, as Netty's and other
 * clients do): the stream then ends cleanly at that END_STREAM, never with RST_STREAM(CANCEL) after a complete
 * response (RFC 9113 §8.1).
 */
class H2RequestEndTest {
    @RegisterExtension
    static final ProxyFixture fixture = ProxyFixture.withCa().backend("app", () -> TestBackend.start(0, "app"), TestBackend::port);

    @Test
    void anUploadAnsweredBeforeItsEndStreamEndsCleanlyAtThatEndStream() throws Exception {
        try (H2Tunnel tunnel = H2Tunnel.open(fixture.port(), "app", fixture.ca().root())) {
            for (int i = 0; i < 20; i++) {
                byte[] body = ("upload " + i).getBytes(StandardCharsets.UTF_8);
                H2Tunnel.WebSocketStream upload = tunnel.request("POST", "/upload",
                        Map.of("content-length", String.valueOf(body.length)));
                upload.send(body);

                assertThat(upload.awaitHead().status().toString()).isEqualTo("200");
                assertThat(new String(upload.in.readAllBytes(), StandardCharsets.UTF_8)).startsWith(body.length + " ");

                upload.end(); // END_STREAM in an empty DATA frame, after the complete response
                tunnel.ping(); // a reset sent before the ping's answer has arrived by now
                assertThat(upload.reset()).as("stream %d reset", i).isNotDone();
                assertThat(upload.ended()).isCompleted();
            }
            assertThat(tunnel.isOpen()).isTrue();
        }
    }

    @Test
    void anUploadThatGoesOnAfterItsAnswerIsResetWithNoError() throws Exception {
        try (H2Tunnel tunnel = H2Tunnel.open(fixture.port(), "app", fixture.ca().root())) {
            H2Tunnel.WebSocketStream upload = tunnel.request("POST", "/status?code=413", Map.of("content-length", "1000000"));
            upload.send(new byte[1000]);

            assertThat(upload.awaitHead().status().toString()).isEqualTo("413");
            assertThat(upload.reset().get(10, TimeUnit.SECONDS)).as("RFC 9113 §8.1: stop sending, no error")
                    .isEqualTo(io.netty.handler.codec.http2.Http2Error.NO_ERROR);
        }
    }
}
