package dev.localhome.adapters.netty.tunnel;

import static dev.localhome.adapters.netty.inbound.PipelineNames.EXTENDED_CONNECT;
import static dev.localhome.adapters.netty.inbound.PipelineNames.HTTP;
import static dev.localhome.adapters.netty.inbound.PipelineNames.ROUTER;
import static dev.localhome.adapters.netty.inbound.PipelineNames.FLOW_CONTROL;
import static org.assertj.core.api.Assertions.assertThat;

import dev.localhome.adapters.netty.inbound.ProxyLimits;
import dev.localhome.adapters.netty.testing.PipelineShape;
import dev.localhome.adapters.netty.testing.ProxyUnderTest;
import dev.localhome.adapters.netty.testing.WiredContext;
import dev.localhome.domain.ServiceName;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http2.Http2StreamFrameToHttpObjectCodec;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The drawing's h2 stream child pipeline: {@code [extended-connect]? [http] [router(app, tls)]}. */
class Http2StreamInitializerTest {
    @Test
    void aStreamWithWebSocketsOnH2StartsWithTheExtendedConnectHandler() {
        try (WiredContext wired = new WiredContext(ProxyUnderTest.NO_CA, ProxyLimits.defaults(), Map.of())) {
            EmbeddedChannel stream = new EmbeddedChannel(new Http2StreamInitializer(wired.context(), new ServiceName("app")));

            assertThat(PipelineShape.of(stream)).containsExactly(EXTENDED_CONNECT, HTTP, FLOW_CONTROL, ROUTER);
            assertThat(stream.pipeline().get(EXTENDED_CONNECT)).isInstanceOf(ExtendedConnectHandler.class);
            assertThat(stream.pipeline().get(HTTP)).isInstanceOf(Http2StreamFrameToHttpObjectCodec.class);
            stream.finishAndReleaseAll();
        }
    }

    @Test
    void aStreamWithWebSocketsOnH2TurnedOffIsHttpAndTheRouterOnly() {
        ProxyLimits limits = ProxyLimits.defaults().withHttp2WebSockets(false);
        try (WiredContext wired = new WiredContext(ProxyUnderTest.NO_CA, limits, Map.of())) {
            EmbeddedChannel stream = new EmbeddedChannel(new Http2StreamInitializer(wired.context(), new ServiceName("app")));

            assertThat(PipelineShape.of(stream)).containsExactly(HTTP, FLOW_CONTROL, ROUTER);
            stream.finishAndReleaseAll();
        }
    }
}
