package dev.localhome.adapters.netty.tunnel;

import dev.localhome.adapters.netty.inbound.ProxyLimits;
import dev.localhome.adapters.netty.inbound.HeadDeadlineHandler;
import dev.localhome.adapters.netty.inbound.PipelineNames;
import dev.localhome.adapters.netty.inbound.ServerCodecs;

import dev.localhome.domain.routing.Arrival;
import io.netty.handler.flow.FlowControlHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http2.Http2FrameCodec;
import io.netty.handler.codec.http2.Http2FrameCodecBuilder;
import io.netty.handler.codec.http2.Http2MultiplexHandler;
import io.netty.handler.codec.http2.Http2Settings;
import io.netty.handler.flush.FlushConsolidationHandler;
import io.netty.handler.ssl.ApplicationProtocolNames;
import io.netty.handler.ssl.ApplicationProtocolNegotiationHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * After the TLS handshake of an intercepted tunnel, installs the HTTP layer the client and we agreed on by ALPN, in
 * front of the same routing handler that serves plain connections: HTTP/1.1 on the tunnel's channel, or h2 with one
 * child channel per stream. WebSockets ride h2 streams too (extended CONNECT, RFC 8441), unless turned off in config:
 * then the settings do not offer it, and a client opens its WebSockets on an HTTP/1.1 connection of their own.
 */
final class AlpnHandler extends ApplicationProtocolNegotiationHandler {
    private static final Logger log = LoggerFactory.getLogger(AlpnHandler.class);

    private static final int MAX_CONCURRENT_STREAMS = 128;
    /**
     * Stream resets allowed per {@value #RESET_WINDOW_SECONDS} s, each way, before the connection is closed with
     * {@code ENHANCE_YOUR_CALM}. Netty's default (200 per 30 s) guards a public server against Rapid Reset
     * (CVE-2023-44487); our one client is a local browser, which cancels every request in flight when a page is
     * reloaded mid-load: with at most {@value #MAX_CONCURRENT_STREAMS} streams open that is up to 128 a reload, and a
     * dev page reloaded again and again reaches thousands. Ten thousand a minute is some eighty fully cancelled
     * reloads a minute; a runaway client still meets the limit within seconds. Each reset costs one stream's work, no
     * more: a stream cancelled as it opens never reaches a backend ({@link ForwardExchange#start}), one cancelled
     * mid-exchange closes its backend connection ({@link ForwardExchange#clientClosed}).
     */
    static final int MAX_RESETS_PER_WINDOW = 10_000;
    static final int RESET_WINDOW_SECONDS = 60;

    private final TunnelContext proxy;
    private final Arrival arrival;
    /** What the connection is for, in log lines: the tunnel's name, or the daemon's own port. */
    private final String name;

    /**
     * @param arrival how the requests arrive: in a tunnel over TLS, to the name and perhaps a port it named, or over
     *                TLS on the daemon's own port (routed by {@code Host})
     */
    AlpnHandler(TunnelContext proxy, Arrival arrival) {
        super(ApplicationProtocolNames.HTTP_1_1);
        this.proxy = proxy;
        this.arrival = arrival;
        this.name = arrival instanceof Arrival.InTunnel tunnel ? tunnel.name().value() : "the daemon's own port";
    }

    @Override
    protected void configurePipeline(ChannelHandlerContext ctx, String protocol) {
        if (ApplicationProtocolNames.HTTP_2.equals(protocol)) {
            // h2 frames its own messages and PINGs idle connections: no head deadline at the socket level.
            HeadDeadlineHandler.removeFrom(ctx.pipeline());
            ctx.pipeline().addLast(PipelineNames.HTTP2_FLUSH, responseFlushes());
            ctx.pipeline().addLast(PipelineNames.HTTP2, serverCodec(proxy.limits()));
            ctx.pipeline().addLast(PipelineNames.HTTP2_STREAMS, new Http2MultiplexHandler(new Http2StreamInitializer(proxy, arrival)));
            ctx.pipeline().addLast(PipelineNames.HTTP2_ERRORS, new Http2ErrorHandler(name));
            return;
        }
        if (!ApplicationProtocolNames.HTTP_1_1.equals(protocol)) {
            log.debug("[{}] unsupported application protocol '{}'", ctx.channel().id(), protocol);
            ctx.close();
            return;
        }
        ctx.pipeline().addLast(PipelineNames.HTTP, ServerCodecs.newServerCodec(proxy.limits()));
        ctx.pipeline().addLast(PipelineNames.FLOW_CONTROL, new FlowControlHandler());
        ctx.pipeline().addLast(PipelineNames.ROUTER, proxy.router(arrival));
    }

    /**
     * One TLS record and one socket write for all the stream responses that end in one turn of the event loop. A
     * stream's response ends in its backend connection's read, outside the tunnel's own read, where the multiplexer
     * flushes every stream on its own: a write syscall and a TLS record per response (100 streams: 100 of each).
     * Flushes that come outside a read of the tunnel are deferred to a task that runs after the loop's pending I/O,
     * and flushes during a read to its end ({@code channelReadComplete}); every 256th flush goes out at once, so a
     * long run of them cannot hold bytes back. Figures: BENCHMARKS.md, "Throughput and CPU per request".
     */
    static FlushConsolidationHandler responseFlushes() {
        return new FlushConsolidationHandler(FlushConsolidationHandler.DEFAULT_EXPLICIT_FLUSH_AFTER_FLUSHES, true);
    }

    /** The h2 server side of a tunnel: its settings, and the limits that protect it from a misbehaving client. */
    static Http2FrameCodec serverCodec(ProxyLimits limits) {
        Http2Settings settings = Http2Settings.defaultSettings()
                .maxConcurrentStreams(MAX_CONCURRENT_STREAMS)
                .maxHeaderListSize(limits.maxHeaderBytes());
        if (limits.http2WebSockets()) settings.connectProtocolEnabled(true); // SETTINGS_ENABLE_CONNECT_PROTOCOL = 1
        return Http2FrameCodecBuilder.forServer()
                .initialSettings(settings)
                .validateHeaders(true)
                .decoderEnforceMaxRstFramesPerWindow(MAX_RESETS_PER_WINDOW, RESET_WINDOW_SECONDS)
                // ours too: a dev server restarting under a page's open streams makes us reset each of them. Netty
                // ends the connection for this one without an exceptionCaught, so only its own DEBUG line tells.
                .encoderEnforceMaxRstFramesPerWindow(MAX_RESETS_PER_WINDOW, RESET_WINDOW_SECONDS)
                .build();
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
