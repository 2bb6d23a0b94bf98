package dev.localhome.adapters.netty.forward;

import dev.localhome.adapters.netty.backend.BackendTimedOut;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.ReferenceCountUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The last handler of a backend connection: hands what the backend says to the exchange it currently serves. A
 * pooled connection serves no exchange; anything it receives then is unexpected, and it closes.
 */
public final class BackendResponseHandler extends ChannelInboundHandlerAdapter {
    private static final Logger log = LoggerFactory.getLogger(BackendResponseHandler.class);

    private ForwardExchange exchange;
    private int uses;

    void attach(ForwardExchange exchange) {
        this.exchange = exchange;
        uses++;
    }

    void detach() {
        exchange = null;
    }

    /** Whether this connection served an exchange before: a stale pooled connection may fail on first write. */
    boolean reused() {
        return uses > 1;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (exchange == null) {
            ReferenceCountUtil.release(msg);
            ctx.close();
            return;
        }
        exchange.onBackendMessage(msg);
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        if (exchange != null) exchange.flushClient();
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (exchange != null) exchange.backendWritabilityChanged();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (exchange != null) exchange.backendClosed();
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        // Idle connections in the pool are evicted; one that serves an exchange is never cut for being quiet.
        if (event instanceof IdleStateEvent && exchange == null) ctx.close();
        if (event instanceof BackendTimedOut timedOut && exchange != null) exchange.backendTimedOut(timedOut.waited());
        ReferenceCountUtil.release(event);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        log.debug("[{}] backend connection failed: {}", ctx.channel().id(), cause.toString());
        ctx.close();
    }
}
