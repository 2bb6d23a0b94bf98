package dev.localhome.adapters.netty.backend;

import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import java.time.Duration;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The bounded wait for a backend's answer, between its codec and the response handler: starts when a request's head
 * goes out, ends at the first response head (an interim {@code 100} counts: the backend is alive). When it runs out,
 * {@link BackendTimedOut} goes up the pipeline; what comes after a head (SSE, a long download) is never timed.
 */
final class ResponseDeadline extends ChannelDuplexHandler {
    private final Duration limit;
    private ScheduledFuture<?> timer;

    ResponseDeadline(Duration limit) {
        this.limit = limit;
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (msg instanceof HttpRequest && timer == null) {
            timer = ctx.executor().schedule(() -> {
                timer = null;
                ctx.fireUserEventTriggered(new BackendTimedOut(limit));
            }, limit.toNanos(), TimeUnit.NANOSECONDS);
        }
        ctx.write(msg, promise);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof HttpResponse) cancel();
        ctx.fireChannelRead(msg);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        cancel();
        ctx.fireChannelInactive();
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        cancel();
    }

    private void cancel() {
        if (timer != null) timer.cancel(false);
        timer = null;
    }
}
