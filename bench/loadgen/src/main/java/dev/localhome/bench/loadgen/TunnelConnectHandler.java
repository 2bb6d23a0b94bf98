package dev.localhome.bench.loadgen;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.concurrent.Promise;
import java.nio.charset.StandardCharsets;

/**
 * Writes {@code CONNECT name:port}, reads the proxy's answer head, and removes itself on {@code 200}: what follows on
 * the channel is the tunnel. Fails {@code established} with bad_status on another answer, closed on a close.
 */
final class TunnelConnectHandler extends ChannelInboundHandlerAdapter {
    private static final int MAX_HEAD = 8192;
    private final ByteBuf request;
    private final Promise<Void> established;
    private ByteBuf head;

    TunnelConnectHandler(String name, int port, Promise<Void> established) {
        String authority = name + ":" + port;
        this.request = Unpooled.copiedBuffer("CONNECT " + authority + " HTTP/1.1\r\nHost: " + authority + "\r\n\r\n",
                StandardCharsets.US_ASCII);
        this.established = established;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        head = ctx.alloc().buffer(256);
        ctx.writeAndFlush(request); // added once the TCP connection is up
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        head.release();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ByteBuf bytes = (ByteBuf) msg;
        try {
            head.writeBytes(bytes);
        } finally {
            bytes.release();
        }
        int end = ByteBufUtil.indexOf(END_OF_HEAD, head);
        if (end < 0) {
            if (head.readableBytes() > MAX_HEAD) fail(ErrorKind.BAD_STATUS, "CONNECT answer head over " + MAX_HEAD + " bytes");
            return;
        }
        String statusLine = head.toString(0, Math.max(0, head.indexOf(0, end + 1, (byte) '\r')), StandardCharsets.US_ASCII);
        if (!statusLine.matches("HTTP/1\\.[01] 200( .*)?")) {
            fail(ErrorKind.BAD_STATUS, "CONNECT answered '" + statusLine + "'");
            return;
        }
        head.readerIndex(end + END_OF_HEAD.readableBytes());
        ByteBuf early = head.isReadable() ? head.retainedSlice() : null; // nothing, unless the server spoke first
        ctx.pipeline().remove(this);
        established.trySuccess(null);
        if (early != null) ctx.fireChannelRead(early);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        fail(ErrorKind.CLOSED, "closed before the CONNECT answer");
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        established.tryFailure(cause);
    }

    private void fail(ErrorKind kind, String message) {
        established.tryFailure(new ErrorKind.LoadError(kind, message));
    }

    private static final ByteBuf END_OF_HEAD = Unpooled.unreleasableBuffer(
            Unpooled.copiedBuffer("\r\n\r\n", StandardCharsets.US_ASCII));
}
