package dev.localhome.adapters.netty.relay;

import dev.localhome.adapters.netty.inbound.HeadDeadlineHandler;
import dev.localhome.adapters.netty.inbound.Channels;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
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

    /** What one side's end of input (its FIN) does to the relay. */
    public enum OnEnd {
        /** Ends only the peer's output: in a raw TLS tunnel the other direction may still carry an answer. */
        HALF_CLOSE,
        /**
         * Closes both once what is queued went out. For the backend's side after a {@code 101}: a server that stops
         * sending is gone (it died mid-frame, say), and a client left half-open would wait for a close frame that
         * never comes. A client's FIN stays a half-close: the server may still answer it.
         */
        CLOSE
    }

    /** A handler that ends its channel's output without closing the channel: an h2 stream's {@code END_STREAM}. */
    public interface OutputEnd extends ChannelHandler {
        void endOutput();
    }

    /**
     * Sees every buffer this handler passes on, before it is written, without taking it: the request inspector counts
     * a WebSocket's messages this way. Must not move the buffer's indices or keep it.
     */
    public interface Tap {
        Tap NONE = bytes -> {};

        void passing(ByteBuf bytes);
    }

    private final Channel peer;
    private final OnEnd onEnd;
    private final Tap tap;

    public RelayHandler(Channel peer) {
        this(peer, OnEnd.HALF_CLOSE);
    }

    public RelayHandler(Channel peer, OnEnd onEnd) {
        this(peer, onEnd, Tap.NONE);
    }

    public RelayHandler(Channel peer, OnEnd onEnd, Tap tap) {
        this.peer = peer;
        this.onEnd = onEnd;
        this.tap = tap;
    }

    /**
     * Puts {@code a} and {@code b} in relay mode and starts reading on both. Call on their (shared) event loop. What a
     * FIN from one side does is each handler's {@link OnEnd}.
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
        if (msg instanceof ByteBuf bytes) tap.passing(bytes);
        peer.writeAndFlush(msg).addListener((ChannelFutureListener) written -> {
            if (written.isSuccess()) ctx.channel().read();
            else ctx.channel().close();
        });
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        if (event instanceof ChannelInputShutdownEvent && onEnd == OnEnd.CLOSE) {
            // An h2 stream still ends with END_STREAM: the stream closes once the client ends its side too.
            if (peer.pipeline().get(OutputEnd.class) != null) endOutputOf(peer);
            else Channels.closeOnFlush(peer);
            Channels.closeOnFlush(ctx.channel());
            return;
        }
        if (event instanceof ChannelInputShutdownEvent) {
            endOutputOf(peer);
            closeWhenBothDirectionsEnded(ctx.channel());
            return;
        }
        ctx.fireUserEventTriggered(event);
    }

    /** Passes a FIN on: after what is queued has gone out, the peer's output ends too. */
    private static void endOutputOf(Channel channel) {
        OutputEnd end = channel.pipeline().get(OutputEnd.class);
        if (end != null && channel.isActive()) {
            end.endOutput(); // the stream closes itself once both ends are sent
            return;
        }
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
