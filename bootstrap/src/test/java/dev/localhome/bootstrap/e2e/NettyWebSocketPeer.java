package dev.localhome.bootstrap.e2e;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/**
 * Netty's own WebSocket server ({@link WebSocketServerProtocolHandler}) as a child process: it greets every socket
 * at once, in the same flush as its {@code 101}, so the 101 and the first frame leave in one write and, on
 * loopback, one TCP segment. Then it echoes text frames. Prints {@code READY:<port>}; exits when stdin closes.
 */
public final class NettyWebSocketPeer {
    private NettyWebSocketPeer() {}

    public static void main(String[] args) throws Exception {
        String name = System.getenv().getOrDefault("NAME", "netty");
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        try {
            Channel listener = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                    .childHandler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel channel) {
                            channel.pipeline().addLast(new OneWriteForTheSwitch(), new HttpServerCodec(),
                                    new HttpObjectAggregator(65_536), new WebSocketServerProtocolHandler("/"),
                                    new Greeter(name));
                        }
                    })
                    .bind(new InetSocketAddress("127.0.0.1", 0)).sync().channel();
            System.out.println("READY:" + ((InetSocketAddress) listener.localAddress()).getPort());
            System.out.flush();
            while (System.in.read() >= 0) { /* runs until the test closes our stdin */ }
            listener.close().sync();
        } finally {
            group.shutdownGracefully().sync();
        }
    }

    /** Greets on the handshake, then echoes text. */
    private static final class Greeter extends SimpleChannelInboundHandler<WebSocketFrame> {
        private final String name;

        Greeter(String name) {
            this.name = name;
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
            if (event instanceof WebSocketServerProtocolHandler.HandshakeComplete)
                ctx.writeAndFlush(new TextWebSocketFrame("hello from " + name));
            ctx.fireUserEventTriggered(event);
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, WebSocketFrame frame) {
            if (frame instanceof TextWebSocketFrame text) ctx.writeAndFlush(new TextWebSocketFrame(text.text()));
        }
    }

    /**
     * Holds the encoded {@code 101} back until the next write (the greeting) and sends both as one buffer. The 101's
     * promise succeeds at once: the handshake completes, and fires the event the greeting is written from, only
     * once its response is written.
     */
    private static final class OneWriteForTheSwitch extends ChannelOutboundHandlerAdapter {
        private static final byte[] SWITCH = "HTTP/1.1 101".getBytes(StandardCharsets.US_ASCII);
        private ByteBuf held;

        @Override
        public void write(ChannelHandlerContext ctx, Object message, ChannelPromise promise) {
            if (!(message instanceof ByteBuf bytes)) {
                ctx.write(message, promise);
            } else if (held == null && startsWithSwitch(bytes)) {
                held = bytes;
                promise.setSuccess();
            } else if (held != null && !bytes.isReadable()) {
                bytes.release(); // the encoder's empty last content: nothing to send yet
                promise.setSuccess();
            } else if (held != null) {
                ByteBuf both = Unpooled.wrappedBuffer(held, bytes);
                held = null;
                ctx.write(both, promise);
            } else {
                ctx.write(message, promise);
            }
        }

        @Override
        public void flush(ChannelHandlerContext ctx) {
            if (held == null) ctx.flush();
        }

        @Override
        public void handlerRemoved(ChannelHandlerContext ctx) {
            if (held != null) held.release();
        }

        private static boolean startsWithSwitch(ByteBuf bytes) {
            if (bytes.readableBytes() < SWITCH.length) return false;
            for (int i = 0; i < SWITCH.length; i++)
                if (bytes.getByte(bytes.readerIndex() + i) != SWITCH[i]) return false;
            return true;
        }
    }
}
