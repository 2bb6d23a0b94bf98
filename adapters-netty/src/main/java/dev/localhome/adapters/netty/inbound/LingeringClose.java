package dev.localhome.adapters.netty.inbound;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.channel.socket.DuplexChannel;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The close after a final response, like nginx's {@code lingering_close}: a response that came while the client was
 * still sending its request body (a {@code 417} or {@code 413} from the head) must not be lost to a reset. Closing a
 * socket with unread bytes makes the kernel send RST, and an RST can discard the response from the client's receive
 * buffer before it was read. So the connection stops writing (TLS {@code close_notify}, then a TCP FIN), reads and
 * drops what the client still sends, and closes at the client's EOF, or after {@value #LINGER_MILLIS} ms or
 * {@value #LINGER_BYTES} bytes at the latest. At the front of the pipeline: the bytes go nowhere else.
 */
final class LingeringClose extends ChannelInboundHandlerAdapter {
    static final long LINGER_MILLIS = 2_000;
    static final long LINGER_BYTES = 64L * 1024 * 1024;

    private long dropped;
    private ScheduledFuture<?> deadline;

    private LingeringClose() {}

    /** Call once the response is flushed: stops writing, then drops what comes until EOF or a bound. */
    static void begin(Channel channel) {
        if (!(channel instanceof DuplexChannel duplex) || !channel.isActive()) {
            channel.close(); // an h2 stream, or gone already: its own protocol ends it
            return;
        }
        LingeringClose linger = new LingeringClose();
        channel.pipeline().addFirst(PipelineNames.LINGERING_CLOSE, linger);
        linger.deadline = channel.eventLoop().schedule(() -> channel.close(), LINGER_MILLIS, TimeUnit.MILLISECONDS);
        SslHandler tls = channel.pipeline().get(SslHandler.class);
        if (tls != null) tls.closeOutbound().addListener(sent -> duplex.shutdownOutput());
        else duplex.shutdownOutput();
        channel.config().setAutoRead(true);
    }

    /** At the close (the client's EOF, mostly): the bound's timer goes too, instead of holding the channel for its time. */
    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        if (deadline != null) deadline.cancel(false);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof ByteBuf bytes) dropped += bytes.readableBytes();
        ReferenceCountUtil.release(msg);
        if (dropped > LINGER_BYTES) ctx.close();
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        // nothing reaches the handlers behind: they have nothing to flush
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        if (event instanceof ChannelInputShutdownEvent) ctx.close(); // the client's EOF, on a half-closable channel
        ReferenceCountUtil.release(event); // the handlers behind are done: nothing reaches them any more
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close(); // a reset from the client: nothing more to wait for
    }
}
