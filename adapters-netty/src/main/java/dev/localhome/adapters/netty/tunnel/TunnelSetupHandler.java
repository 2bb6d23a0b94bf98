package dev.localhome.adapters.netty.tunnel;

import dev.localhome.adapters.netty.inbound.HeadDeadlineHandler;
import dev.localhome.adapters.netty.inbound.PipelineNames;
import dev.localhome.adapters.netty.inbound.Channels;
import dev.localhome.adapters.netty.relay.RelayHandler;
import dev.localhome.adapters.netty.inbound.ServerCodecs;
import dev.localhome.adapters.netty.inbound.FirstBytes;

import dev.localhome.domain.Endpoint;
import dev.localhome.domain.ServiceName;
import dev.localhome.domain.routing.Arrival;
import dev.localhome.domain.routing.Authority;
import dev.localhome.domain.routing.TunnelPlan;
import io.netty.handler.flow.FlowControlHandler;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.channel.ChannelPipeline;
import io.netty.util.ReferenceCountUtil;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes over a connection after {@code CONNECT host:port}: asks the tunnel plan, then installs the next layer on this
 * very channel and removes itself. One socket pair per tunnel: no internal listener, no loopback bridge. Bytes the
 * client sent early (a ClientHello may arrive with the CONNECT) wait in this decoder's cumulation, and its removal
 * passes them on to the layer installed in its place, in order ({@code ByteToMessageDecoder.handlerRemoved}), the way
 * Netty's {@code PortUnificationServerHandler} hands a connection on.
 *
 * <ol>
 *   <li>refuse: close without a byte, so the browser's PAC {@code DIRECT} fallback takes over;</li>
 *   <li>plain: {@code 200}, then HTTP again, every request going to the named service;</li>
 *   <li>intercept: {@code 200}, then TLS first in the pipeline with a certificate for the name, then HTTP;</li>
 *   <li>relay: {@code 200}, then raw bytes to a backend that speaks TLS itself (no CA to intercept with);</li>
 *   <li>to a port of the service ({@code CONNECT app:3000}): {@code 200}, then the client's first byte picks one of
 *       the layers above, TLS (intercept, or relay without a CA) or plain HTTP, all of them to that port.</li>
 * </ol>
 */
public final class TunnelSetupHandler extends ByteToMessageDecoder {
    private static final Logger log = LoggerFactory.getLogger(TunnelSetupHandler.class);
    private static final byte[] ESTABLISHED = "HTTP/1.1 200 Connection Established\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

    private final TunnelContext proxy;
    private final String target;
    private TunnelPlan.ToPort awaitingFirstByte; // same event loop for every callback: no volatile needed

    private TunnelSetupHandler(TunnelContext proxy, String target) {
        this.proxy = proxy;
        this.target = target;
    }

    /** Replaces the router and drops the HTTP codec at once, so the codec parses none of the tunnel's bytes. */
    public static void takeOver(ChannelHandlerContext routerCtx, TunnelContext proxy, String target) {
        ChannelPipeline pipeline = routerCtx.pipeline();
        pipeline.replace(routerCtx.handler(), PipelineNames.TUNNEL_SETUP, new TunnelSetupHandler(proxy, target));
        pipeline.remove(PipelineNames.HTTP); // what it had buffered beyond the CONNECT head comes to us
        pipeline.remove(PipelineNames.FLOW_CONTROL); // and what waited there, in order
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        // Always a later task, never inline: this runs inside takeOver, while the HTTP codec is still being removed
        // and has yet to pass on the bytes it buffered. Acting now would install the next layer before they arrive.
        CompletionStage<TunnelPlan> planned = Authority.parse(target).map(proxy.tunnels()::plan)
                .orElseGet(() -> CompletableFuture.completedFuture(new TunnelPlan.Refuse())); // not host:port
        planned.whenComplete((plan, failure) -> ctx.executor().execute(() -> {
            if (failure != null) log.warn("[{}] planning CONNECT {} failed", ctx.channel().id(), target, failure);
            open(ctx, failure != null ? new TunnelPlan.Refuse() : plan);
        }));
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
        if (msg instanceof ByteBuf) super.channelRead(ctx, msg);
        else ReferenceCountUtil.release(msg); // the CONNECT's own end-of-message marker
    }

    /** Bytes wait in the cumulation; only a tunnel to a service port looks at them, for its first byte. */
    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (awaitingFirstByte != null && in.isReadable()) openToPort(ctx, awaitingFirstByte, in);
    }

    /** No read of its own while it waits (a decoder asks for one after a read that fired nothing): autoRead decides. */
    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        ctx.fireChannelReadComplete();
    }

    private void open(ChannelHandlerContext ctx, TunnelPlan plan) {
        if (ctx.isRemoved() || !ctx.channel().isActive()) return;
        log.debug("[{}] CONNECT {} -> {}", ctx.channel().id(), target, plan);
        if (plan instanceof TunnelPlan.PlainHttp plain) openHttp(ctx, new Arrival.InTunnel(plain.name(), false), true);
        else if (plan instanceof TunnelPlan.Intercept intercept)
            openTls(ctx, new Arrival.InTunnel(intercept.name(), true), true);
        else if (plan instanceof TunnelPlan.Relay relay) openRelay(ctx, relay.backend(), true);
        else if (plan instanceof TunnelPlan.ToPort toPort) {
            established(ctx);
            awaitingFirstByte = toPort;
            HeadDeadlineHandler deadline = ctx.pipeline().get(HeadDeadlineHandler.class);
            if (deadline != null) deadline.awaitingHead(); // a client that never speaks is closed as an idle one
            if (internalBuffer().isReadable()) openToPort(ctx, toPort, internalBuffer());
            else ctx.channel().config().setAutoRead(true); // nothing to decide by yet: ask the client for it
        }
        else ctx.close();
    }

    /**
     * A tunnel to one of the service's ports, answered already: the client's first byte opens TLS for a handshake
     * record and HTTP for anything else.
     */
    private void openToPort(ChannelHandlerContext ctx, TunnelPlan.ToPort plan, ByteBuf first) {
        awaitingFirstByte = null;
        ctx.channel().config().setAutoRead(false); // until the chosen layer is in place
        OptionalInt port = OptionalInt.of(plan.backend().port());
        if (!FirstBytes.isTlsHandshake(first)) openHttp(ctx, new Arrival.InTunnel(plan.name(), false, port), false);
        else if (plan.intercept()) openTls(ctx, new Arrival.InTunnel(plan.name(), true, port), false);
        else openRelay(ctx, plan.backend(), false);
    }

    /** @param answer whether to write the {@code 200} first: not when it went out before the first byte was awaited */
    private void openHttp(ChannelHandlerContext ctx, Arrival.InTunnel arrival, boolean answer) {
        if (answer) established(ctx);
        ctx.pipeline().addAfter(PipelineNames.TUNNEL_SETUP, PipelineNames.HTTP, ServerCodecs.newServerCodec(proxy.limits()));
        ctx.pipeline().addAfter(PipelineNames.HTTP, PipelineNames.FLOW_CONTROL, new FlowControlHandler());
        ctx.pipeline().addAfter(PipelineNames.FLOW_CONTROL, PipelineNames.ROUTER, proxy.router(arrival));
        handOver(ctx);
    }

    private void openTls(ChannelHandlerContext ctx, Arrival.InTunnel arrival, boolean answer) {
        ServiceName name = arrival.name();
        proxy.tls().forName(name).whenComplete((ssl, failure) -> Channels.onLoop(ctx.executor(), () -> {
            if (ctx.isRemoved() || !ctx.channel().isActive()) return;
            if (failure != null) {
                log.warn("[{}] no certificate for '{}': {}", ctx.channel().id(), name, failure.toString());
                ctx.close();
                return;
            }
            if (answer) established(ctx);
            // https://app:3000/ gets the certificate of https://app/: a certificate names hosts, never ports.
            ctx.pipeline().addAfter(PipelineNames.TUNNEL_SETUP, PipelineNames.TLS, new TunnelSniCheck(name, ssl));
            ctx.pipeline().addAfter(PipelineNames.TLS, PipelineNames.ALPN, new AlpnHandler(proxy, arrival));
            handOver(ctx);
        }));
    }

    private void openRelay(ChannelHandlerContext ctx, Endpoint target, boolean answer) {
        Channel client = ctx.channel();
        proxy.backends().connectRaw(target, client, new RelayHandler(client)).whenComplete((backend, failure) ->
                Channels.onLoop(ctx.executor(), () -> {
                    if (failure != null || ctx.isRemoved() || !client.isActive()) {
                        if (backend != null) backend.close();
                        ctx.close();
                        return;
                    }
                    if (answer) established(ctx);
                    // the relay in this place gets the early bytes, and sends them to the backend first
                    ctx.pipeline().replace(this, PipelineNames.RELAY, new RelayHandler(backend));
                    RelayHandler.start(client, backend);
                }));
    }

    private void established(ChannelHandlerContext ctx) {
        // Written before the next layer is in place, so it goes out as plain text even when TLS follows.
        ctx.writeAndFlush(Unpooled.wrappedBuffer(ESTABLISHED));
    }

    /** Leaves the pipeline to the layer just installed: the early bytes go to it as this decoder is removed. */
    private void handOver(ChannelHandlerContext ctx) {
        ChannelPipeline pipeline = ctx.pipeline();
        HeadDeadlineHandler deadline = pipeline.get(HeadDeadlineHandler.class);
        if (deadline != null) deadline.awaitingHead(); // the tunnel's first request head has its deadline too
        pipeline.remove(this);
        pipeline.channel().config().setAutoRead(true);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        log.debug("[{}] tunnel set-up failed: {}", ctx.channel().id(), cause.toString());
        ctx.close();
    }
}
