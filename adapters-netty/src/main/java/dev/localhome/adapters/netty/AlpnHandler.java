package dev.localhome.adapters.netty;

import dev.localhome.domain.ServiceName;
import dev.localhome.domain.routing.Arrival;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http2.Http2FrameCodecBuilder;
import io.netty.handler.codec.http2.Http2MultiplexHandler;
import io.netty.handler.codec.http2.Http2Settings;
import io.netty.handler.ssl.ApplicationProtocolNames;
import io.netty.handler.ssl.ApplicationProtocolNegotiationHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * After the TLS handshake of an intercepted tunnel, installs the HTTP layer the client and we agreed on by ALPN, in
 * front of the same routing handler that serves plain connections: HTTP/1.1 on the tunnel's channel, or h2 with one
 * child channel per stream. WebSockets stay on HTTP/1.1: extended CONNECT (RFC 8441) is not advertised.
 */
final class AlpnHandler extends ApplicationProtocolNegotiationHandler {
    private static final Logger log = LoggerFactory.getLogger(AlpnHandler.class);

    private static final int MAX_CONCURRENT_STREAMS = 128;

    private final ProxyContext proxy;
    private final ServiceName name;

    AlpnHandler(ProxyContext proxy, ServiceName name) {
        super(ApplicationProtocolNames.HTTP_1_1);
        this.proxy = proxy;
        this.name = name;
    }

    @Override
    protected void configurePipeline(ChannelHandlerContext ctx, String protocol) {
        if (ApplicationProtocolNames.HTTP_2.equals(protocol)) {
            // h2 frames its own messages and PINGs idle connections: no head deadline at the socket level.
            HeadDeadlineHandler.removeFrom(ctx.pipeline());
            ctx.pipeline().addLast(PipelineNames.HTTP2, Http2FrameCodecBuilder.forServer()
                    .initialSettings(Http2Settings.defaultSettings()
                            .maxConcurrentStreams(MAX_CONCURRENT_STREAMS)
                            .maxHeaderListSize(proxy.limits().maxHeaderBytes()))
                    .validateHeaders(true)
                    .build());
            ctx.pipeline().addLast(PipelineNames.HTTP2_STREAMS, new Http2MultiplexHandler(new Http2StreamInitializer(proxy, name)));
            return;
        }
        if (!ApplicationProtocolNames.HTTP_1_1.equals(protocol)) {
            log.debug("[{}] unsupported application protocol '{}'", ctx.channel().id(), protocol);
            ctx.close();
            return;
        }
        ctx.pipeline().addLast(PipelineNames.HTTP, ProxyInitializer.newServerCodec(proxy.limits()));
        ctx.pipeline().addLast(PipelineNames.ROUTER, new RequestRoutingHandler(proxy, new Arrival.InTunnel(name, true)));
    }

    /** A client that resets mid-handshake is routine: one DEBUG line, not the base class's WARN and a tail trace. */
    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        log.debug("[{}] tunnel to '{}' failed before ALPN: {}", ctx.channel().id(), name, cause.toString());
        ctx.close();
    }

    @Override
    protected void handshakeFailure(ChannelHandlerContext ctx, Throwable cause) {
        log.debug("[{}] TLS handshake for '{}' failed: {}", ctx.channel().id(), name, cause.toString());
        ctx.close();
    }
}
