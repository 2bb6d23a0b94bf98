package dev.localhome.adapters.netty.forward;

import dev.localhome.adapters.netty.relay.RelayHandler;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.handler.codec.http2.DefaultHttp2DataFrame;
import io.netty.handler.codec.http2.Http2DataFrame;
import io.netty.util.ReferenceCountUtil;

/**
 * An h2 stream as a byte pipe, for the relay of a WebSocket carried on it (RFC 8441): {@code DATA} in, its bytes
 * out; bytes written, {@code DATA} sent. {@code END_STREAM} is the stream's FIN each way, so the relay half-closes it
 * as it would a socket: an input shutdown event when the client ends, an empty {@code END_STREAM} when the backend
 * does ({@link RelayHandler.OutputEnd}).
 */
final class Http2StreamBytesCodec extends ChannelDuplexHandler implements RelayHandler.OutputEnd {
    private ChannelHandlerContext ctx;
    private boolean outputEnded;

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof Http2DataFrame data)) {
            ReferenceCountUtil.release(msg); // a reset closes the stream right after: the relay hears of it then
            return;
        }
        boolean end = data.isEndStream();
        if (data.content().isReadable()) ctx.fireChannelRead(data.content());
        else data.release();
        if (end) ctx.fireUserEventTriggered(ChannelInputShutdownEvent.INSTANCE);
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (msg instanceof ByteBuf bytes && (!bytes.isReadable() || outputEnded)) {
            bytes.release(); // an empty flush marker (the relay's close path): no frame for it
            promise.setSuccess();
            return;
        }
        ctx.write(msg instanceof ByteBuf bytes ? new DefaultHttp2DataFrame(bytes) : msg, promise);
    }

    @Override
    public void endOutput() {
        if (outputEnded) return;
        outputEnded = true;
        ctx.writeAndFlush(new DefaultHttp2DataFrame(true));
    }
}
