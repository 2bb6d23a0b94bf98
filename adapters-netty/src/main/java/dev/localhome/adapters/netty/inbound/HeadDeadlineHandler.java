package dev.localhome.adapters.netty.inbound;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
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
public final class HeadDeadlineHandler extends ChannelInboundHandlerAdapter {
    private static final Logger log = LoggerFactory.getLogger(HeadDeadlineHandler.class);

    private final Duration headTimeout;
    private final Duration idleTimeout;
    private ChannelHandlerContext ctx;
    private boolean awaitingHead = true;
    private static final long NONE = Long.MIN_VALUE;
    private long deadlineNanos = NONE;
    private String reason;
    private ScheduledFuture<?> timer;
    private long timerDueNanos;

    public HeadDeadlineHandler(ProxyLimits limits) {
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

    /** Takes the deadlines off a connection that stops speaking HTTP/1 here (a relay, or h2 with its own framing). */
    public static void removeFrom(ChannelPipeline pipeline) {
        if (pipeline.get(PipelineNames.HEAD_DEADLINE) != null) pipeline.remove(PipelineNames.HEAD_DEADLINE);
    }

    /** A complete head arrived: the exchange it starts has no deadline here. */
    public void headReceived() {
        awaitingHead = false;
        cancel();
    }

    /** The last exchange is done: idle until the next head's first byte, then that head has its deadline. */
    public void awaitingHead() {
        awaitingHead = true;
        schedule(idleTimeout, "it was idle for " + idleTimeout.toSeconds() + " s");
    }

    /**
     * Moves the deadline. One timer serves both deadlines and is re-armed lazily, the way Netty's IdleStateHandler
     * does it: a keep-alive request costs a field write, not a timer cancelled and scheduled anew.
     */
    private void schedule(Duration delay, String reason) {
        deadlineNanos = System.nanoTime() + delay.toNanos();
        this.reason = reason;
        if (timer == null || timerDueNanos - deadlineNanos > 0) startTimer(delay.toNanos());
    }

    private void startTimer(long delayNanos) {
        if (timer != null) timer.cancel(false);
        timerDueNanos = System.nanoTime() + delayNanos;
        timer = ctx.executor().schedule(this::check, delayNanos, TimeUnit.NANOSECONDS);
    }

    private void check() {
        timer = null;
        if (deadlineNanos == NONE) return;
        long left = deadlineNanos - System.nanoTime();
        if (left > 0) {
            startTimer(left);
            return;
        }
        log.debug("[{}] closing: {}", ctx.channel().id(), reason);
        ctx.close();
    }

    private void cancel() {
        deadlineNanos = NONE; // the timer, if any, finds nothing to do when it fires
    }

    private void stopTimer() {
        cancel();
        if (timer != null) timer.cancel(false);
        timer = null;
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        stopTimer();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        stopTimer();
        ctx.fireChannelInactive();
    }
}
