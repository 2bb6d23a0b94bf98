package dev.localhome.adapters.netty;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.concurrent.ScheduledFuture;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Closes a connection whose request head does not arrive in full within the deadline (slowloris), counted from the
 * head's first byte, and an idle keep-alive connection after its idle timeout. Sits before the HTTP codec, so it
 * sees raw bytes; the routing handler tells it when a head is complete ({@link #headReceived}) and when the
 * connection waits for the next one ({@link #awaitingHead}). Same event loop: no volatile fields.
 */
final class HeadDeadlineHandler extends ChannelInboundHandlerAdapter {
    private static final Logger log = LoggerFactory.getLogger(HeadDeadlineHandler.class);

    private final Duration headTimeout;
    private final Duration idleTimeout;
    private ChannelHandlerContext ctx;
    private boolean awaitingHead = true;
    private ScheduledFuture<?> deadline;

    HeadDeadlineHandler(ProxyLimits limits) {
        this.headTimeout = limits.headTimeout();
        this.idleTimeout = limits.idleTimeout();
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
        if (ctx.channel().isActive()) awaitingHead();
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        awaitingHead();
        ctx.fireChannelActive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (awaitingHead && msg instanceof ByteBuf bytes && bytes.isReadable()) {
            awaitingHead = false;
            schedule(headTimeout, "its request head did not arrive within " + headTimeout.toSeconds() + " s");
        }
        ctx.fireChannelRead(msg);
    }

    /** A complete head arrived: the exchange it starts has no deadline here. */
    void headReceived() {
        awaitingHead = false;
        cancel();
    }

    /** The last exchange is done: idle until the next head's first byte, then that head has its deadline. */
    void awaitingHead() {
        awaitingHead = true;
        schedule(idleTimeout, "it was idle for " + idleTimeout.toSeconds() + " s");
    }

    private void schedule(Duration delay, String reason) {
        cancel();
        deadline = ctx.executor().schedule(() -> {
            log.debug("[{}] closing: {}", ctx.channel().id(), reason);
            ctx.close();
        }, delay.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void cancel() {
        if (deadline != null) deadline.cancel(false);
        deadline = null;
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        cancel();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        cancel();
        ctx.fireChannelInactive();
    }
}
