package dev.localhome.adapters.netty.backend;

import dev.localhome.adapters.netty.inbound.ConnectionActivity;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;

/**
 * Watches a backend connection for a WebSocket, so that a stop can end it the way RFC 6455 §7.4.1 means: the client
 * gets a close frame with code 1001 (going away), never a cut in the middle of a frame. After the backend's
 * {@code 101} it stays in the backend's pipeline, in front of the relay, and follows the frame boundaries of what
 * the backend sends the client ({@link FrameBoundaries}): a stop's close frame goes out at the first boundary, then
 * the backend connection closes, and with it (the relay's own close path) the client's. Same event loop as the
 * client and the relay: no volatile fields.
 */
final class WebSocketGoodbye extends ChannelDuplexHandler implements ConnectionActivity.GoingAway {
    /** FIN + close, 2 bytes of payload, unmasked (a server's frame): code 1001, going away. */
    private static final byte[] GOING_AWAY = {(byte) 0x88, 0x02, 0x03, (byte) 0xE9};

    private ChannelHandlerContext ctx;
    private boolean upgradeAsked;
    private Channel client;
    private FrameBoundaries frames;
    private boolean goingAway;
    private boolean said;

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) throws Exception {
        if (msg instanceof HttpRequest request)
            upgradeAsked = HttpHeaderValues.WEBSOCKET.contentEqualsIgnoreCase(request.headers().get(HttpHeaderNames.UPGRADE));
        super.write(ctx, msg, promise);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
        if (msg instanceof HttpResponse response && upgradeAsked
                && response.status().code() == HttpResponseStatus.SWITCHING_PROTOCOLS.code()) {
            client = BackendPool.clientOf(ctx.channel());
            if (client != null) {
                frames = new FrameBoundaries();
                ConnectionActivity.of(client).webSocket(this, ctx.channel());
            }
        }
        if (frames == null || !(msg instanceof ByteBuf bytes)) {
            ctx.fireChannelRead(msg);
            return;
        }
        if (said) {
            bytes.release(); // the client has its close frame: nothing may follow it
            return;
        }
        frames.passing(bytes);
        ctx.fireChannelRead(bytes);
        if (goingAway && frames.atBoundary()) sayGoodbye();
    }

    @Override
    public void goingAway() {
        goingAway = true;
        if (frames != null && frames.atBoundary()) sayGoodbye();
    }

    private void sayGoodbye() {
        if (said) return;
        said = true;
        if (client.isActive()) client.writeAndFlush(Unpooled.wrappedBuffer(GOING_AWAY));
        ctx.channel().close(); // the relay closes the client once its close frame is out
    }
}
