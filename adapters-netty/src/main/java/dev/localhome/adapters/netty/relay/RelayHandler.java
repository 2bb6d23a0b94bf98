package dev.localhome.adapters.netty.relay;

import dev.localhome.adapters.netty.inbound.HeadDeadlineHandler;
import dev.localhome.adapters.netty.inbound.Channels;

import io.netty.channel.Channel;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelOption;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.channel.socket.DuplexChannel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Copies bytes to the peer channel, reading again only after the previous write went out: the slower side sets the
 * pace (both channels run with {@code AUTO_READ=false}). Used for WebSockets after {@code 101} and raw TLS tunnels.
 */
public final class RelayHandler extends ChannelInboundHandlerAdapter {
    private static final Logger log = LoggerFactory.getLogger(RelayHandler.class);

    private final Channel peer;

    public RelayHandler(Channel peer) {
        this.peer = peer;
    }

    /**
     * Puts {@code a} and {@code b} in relay mode and starts reading on both. Call on their (shared) event loop. A FIN
     * from one side ends only that direction (half-close): the other may still carry an answer.
     */
    public static void start(Channel a, Channel b) {
        for (Channel channel : new Channel[] {a, b}) {
            // A relay may sit quiet for hours (HMR): no idle deadline; TCP keep-alive notices a dead peer.
            HeadDeadlineHandler.removeFrom(channel.pipeline());
            channel.config().setOption(ChannelOption.ALLOW_HALF_CLOSURE, true);
            channel.config().setAutoRead(false);
        }
        a.read();
        b.read();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!peer.isActive()) {
            ReferenceCountUtil.release(msg);
            return;
        }
        peer.writeAndFlush(msg).addListener((ChannelFutureListener) written -> {
            if (written.isSuccess()) ctx.channel().read();
            else ctx.channel().close();
        });
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        if (event instanceof ChannelInputShutdownEvent) {
            endOutputOf(peer);
            closeWhenBothDirectionsEnded(ctx.channel());
            return;
        }
        ctx.fireUserEventTriggered(event);
    }

    /** Passes a FIN on: after what is queued has gone out, the peer's output ends too. */
    private static void endOutputOf(Channel channel) {
        if (!(channel instanceof DuplexChannel duplex) || !channel.isActive()) {
            Channels.closeOnFlush(channel);
            return;
        }
        channel.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(flushed ->
                duplex.shutdownOutput().addListener(shut -> closeWhenBothDirectionsEnded(channel)));
    }

    private static void closeWhenBothDirectionsEnded(Channel channel) {
        if (channel instanceof DuplexChannel duplex && duplex.isInputShutdown() && duplex.isOutputShutdown()) channel.close();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        Channels.closeOnFlush(peer);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        log.debug("[{}] relay failed: {}", ctx.channel().id(), cause.toString());
        Channels.closeOnFlush(ctx.channel());
    }
}
