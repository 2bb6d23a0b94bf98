package dev.localhome.adapters.netty.tunnel;

import static org.assertj.core.api.Assertions.assertThat;

import dev.localhome.adapters.netty.testing.LogCapture;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http2.Http2Error;
import io.netty.handler.codec.http2.Http2Exception;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/** The end of an h2 connection's pipeline: every failure stops here, and a flood is told once. */
class Http2ErrorHandlerTest {
    @Test
    void aSocketFailureClosesTheConnectionWithoutReachingTheTail() {
        try (LogCapture logs = new LogCapture()) {
            EmbeddedChannel channel = new EmbeddedChannel(new Http2ErrorHandler("app"));
            channel.pipeline().fireExceptionCaught(new IOException("Connection reset by peer"));

            channel.checkException(); // throws what reached the tail
            assertThat(channel.isOpen()).isFalse();
            assertThat(logs.warnings()).isEmpty();
        }
    }

    @Test
    void aResetFloodIsOneWarningHoweverManyFramesOfTheLastReadThrowAgain() {
        try (LogCapture logs = new LogCapture()) {
            EmbeddedChannel channel = new EmbeddedChannel(new Http2ErrorHandler("app"));
            for (int i = 0; i < 3; i++)
                channel.pipeline().fireExceptionCaught(Http2Exception.connectionError(Http2Error.ENHANCE_YOUR_CALM,
                        "Maximum number of RST frames reached"));

            channel.checkException();
            assertThat(channel.isOpen()).as("the codec closes it, after its GOAWAY").isTrue();
            assertThat(logs.warnings()).singleElement().asString()
                    .contains("h2 tunnel to 'app' closed: its client reset more than 10000 streams within 60 s");
        }
    }

    @Test
    void aClientBreakingTheProtocolIsNoWarning() {
        try (LogCapture logs = new LogCapture()) {
            EmbeddedChannel channel = new EmbeddedChannel(new Http2ErrorHandler("app"));
            channel.pipeline().fireExceptionCaught(Http2Exception.connectionError(Http2Error.PROTOCOL_ERROR, "bad frame"));

            channel.checkException();
            assertThat(logs.warnings()).isEmpty();
        }
    }
}
