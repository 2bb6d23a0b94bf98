package dev.localhome.adapters.netty.backend;

import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.util.concurrent.ScheduledFuture;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * The bounded wait for a backend's answer, between its codec and the response handler: starts when a request's head
 * goes out, ends at the first response head (an interim {@code 100} counts: the backend is alive). When it runs out,
 * {@link BackendTimedOut} goes up the pipeline; what comes after a head (SSE, a long download) is never timed.
 *
 * <p>One timer per connection, re-armed lazily the way Netty's {@code IdleStateHandler} does it: a request on a
 * kept-alive connection moves a deadline field, instead of scheduling a task and cancelling it at the answer (an
 * allocation and two operations on the event loop's task queue per request). The timer, when it fires, looks at the
 * field: no wait, it stops; a wait not over yet, it is armed again for the rest. Every deadline is the same length from
 * a later start, so an armed timer is never due after the deadline it serves.
 */
final class ResponseDeadline extends ChannelDuplexHandler {
    private static final long NONE = Long.MIN_VALUE;

    private final Duration limit;
    private ChannelHandlerContext ctx;
    private long deadlineNanos = NONE; // the executor's ticker time the wait runs out, or NONE while none runs
    private ScheduledFuture<?> timer;  // same event loop for every call: no volatile needed

    ResponseDeadline(Duration limit) {
        this.limit = limit;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (msg instanceof HttpRequest && deadlineNanos == NONE) {
            deadlineNanos = now() + limit.toNanos();
            if (timer == null) arm(limit.toNanos());
        }
        ctx.write(msg, promise);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof HttpResponse) deadlineNanos = NONE; // the timer, if armed, finds nothing to do
        ctx.fireChannelRead(msg);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        stop();
        ctx.fireChannelInactive();
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        stop();
    }

    private void arm(long delayNanos) {
        timer = ctx.executor().schedule(this::check, delayNanos, TimeUnit.NANOSECONDS);
    }

    private void check() {
        timer = null;
        if (deadlineNanos == NONE) return;
        long left = deadlineNanos - now();
        if (left > 0) {
            arm(left);
            return;
        }
        deadlineNanos = NONE;
        ctx.fireUserEventTriggered(new BackendTimedOut(limit));
    }

    private long now() {
        return ctx.executor().ticker().nanoTime();
    }

    private void stop() {
        deadlineNanos = NONE;
        if (timer != null) timer.cancel(false);
        timer = null;
    }
}
