package dev.localhome.bootstrap.browser;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshakerFactory;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * The dev server behind the browser tests, run as a child process with {@code NAME=...} (prints {@code READY:<port>}):
 *
 * <ul>
 *   <li>{@code /} and other files: static files from the test resources' {@code browser/} folder;</li>
 *   <li>{@code /r/<i>.css|.js|.png}, {@code i < }{@link #SUBRESOURCES}: generated subresources, a few of 1–4 MB
 *       ({@link #LARGE}), some answered after a random delay of up to 300 ms; each proves it arrived whole (a
 *       stylesheet sets {@code --r<i>} on {@code body}, a script ends its padding comment and then registers itself,
 *       an image is a valid PNG whose padding chunk sits before {@code IEND});</li>
 *   <li>{@code POST /echo-size}: streams the body and answers its length;</li>
 *   <li>{@code /ws}: a WebSocket that echoes text frames.</li>
 * </ul>
 *
 * Every answer is {@code no-store}: each (re)load goes through the proxy again, none is served from the cache.
 */
public final class BrowserSiteBackend {
    static final int SUBRESOURCES = 120;
    /** Subresource index to size in bytes: the large ones, one of each kind and one more stylesheet. */
    static final Map<Integer, Integer> LARGE = Map.of(7, 1 << 20, 41, 2 << 20, 87, 3 << 20, 118, 4 << 20);
    private static final Pattern SUBRESOURCE = Pattern.compile("/r/(\\d+)\\.(css|js|png)");
    private static final int MAX_DELAY_MILLIS = 300;
    private static final Map<String, byte[]> generated = new ConcurrentHashMap<>();

    private BrowserSiteBackend() {}

    public static void main(String[] args) throws Exception {
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        Channel listener = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(new HttpServerCodec(8192, 65536, 65536), new SiteHandler());
                    }
                }).bind("127.0.0.1", 0).sync().channel();
        System.out.println("READY:" + ((InetSocketAddress) listener.localAddress()).getPort());
        System.out.flush();
        // Ends when the test destroys the process, or when its stdin closes (the test died).
        while (System.in.read() >= 0) { /* wait */ }
        listener.close().awaitUninterruptibly();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly();
    }

    /** The kind of subresource {@code i} is; the page asks for the same ones. */
    static String kind(int i) {
        return switch (i % 3) {
            case 0 -> "css";
            case 1 -> "js";
            default -> "png";
        };
    }

    private static final class SiteHandler extends SimpleChannelInboundHandler<HttpObject> {
        private long uploaded = -1; // the size of the POST /echo-size body so far; -1 outside one

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, HttpObject msg) {
            if (msg instanceof HttpRequest request) onRequest(ctx, request);
            if (msg instanceof HttpContent content && uploaded >= 0) {
                uploaded += content.content().readableBytes(); // counted, never kept: the body streams through
                if (content instanceof LastHttpContent) {
                    byte[] answer = Long.toString(uploaded).getBytes(StandardCharsets.US_ASCII);
                    uploaded = -1;
                    respond(ctx, HttpResponseStatus.OK, "text/plain", answer);
                }
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            cause.printStackTrace(); // the test shows the site's output when a page does not finish
            ctx.close();
        }

        private void onRequest(ChannelHandlerContext ctx, HttpRequest request) {
            String path = new QueryStringDecoder(request.uri()).path();
            Matcher subresource = SUBRESOURCE.matcher(path);
            if (path.equals("/echo-size") && request.method().equals(HttpMethod.POST)) {
                uploaded = 0;
            } else if (path.equals("/ws")) {
                upgrade(ctx, request);
            } else if (subresource.matches()) {
                int i = Integer.parseInt(subresource.group(1));
                String kind = subresource.group(2);
                if (i >= SUBRESOURCES || !kind.equals(kind(i))) {
                    respond(ctx, HttpResponseStatus.NOT_FOUND, "text/plain", bytes("no " + path));
                    return;
                }
                byte[] body = generated.computeIfAbsent(path, p -> generate(i, kind));
                String type = switch (kind) {
                    case "css" -> "text/css";
                    case "js" -> "text/javascript";
                    default -> "image/png";
                };
                if (i % 4 == 1) { // some answer late; the event loop schedules them, nothing sleeps on it
                    long delay = ThreadLocalRandom.current().nextLong(MAX_DELAY_MILLIS + 1);
                    ctx.executor().schedule(() -> respond(ctx, HttpResponseStatus.OK, type, body),
                            delay, TimeUnit.MILLISECONDS);
                } else {
                    respond(ctx, HttpResponseStatus.OK, type, body);
                }
            } else {
                staticFile(ctx, path.equals("/") ? "/index.html" : path);
            }
        }

        private void staticFile(ChannelHandlerContext ctx, String path) {
            if (path.contains("..")) {
                respond(ctx, HttpResponseStatus.NOT_FOUND, "text/plain", bytes("no " + path));
                return;
            }
            try (InputStream in = BrowserSiteBackend.class.getResourceAsStream("/browser" + path)) {
                if (in == null) {
                    respond(ctx, HttpResponseStatus.NOT_FOUND, "text/plain", bytes("no " + path));
                    return;
                }
                String type = path.endsWith(".html") ? "text/html; charset=utf-8"
                        : path.endsWith(".js") ? "text/javascript" : "application/octet-stream";
                respond(ctx, HttpResponseStatus.OK, type, in.readAllBytes());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private void upgrade(ChannelHandlerContext ctx, HttpRequest request) {
            var handshaker = new WebSocketServerHandshakerFactory("ws://" + request.headers().get("Host") + "/ws",
                    null, true, 1 << 20).newHandshaker(request);
            if (handshaker == null) {
                WebSocketServerHandshakerFactory.sendUnsupportedVersionResponse(ctx.channel());
                return;
            }
            ctx.pipeline().addLast(new WebSocketFrameAggregator(1 << 20), new EchoFrames());
            handshaker.handshake(ctx.channel(), request);
        }

        private static void respond(ChannelHandlerContext ctx, HttpResponseStatus status, String type, byte[] body) {
            FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status,
                    Unpooled.wrappedBuffer(body));
            response.headers().set(HttpHeaderNames.CONTENT_TYPE, type)
                    .set(HttpHeaderNames.CONTENT_LENGTH, body.length)
                    .set(HttpHeaderNames.CACHE_CONTROL, "no-store");
            ctx.writeAndFlush(response);
        }
    }

    private static final class EchoFrames extends SimpleChannelInboundHandler<WebSocketFrame> {
        @Override
        protected void channelRead0(ChannelHandlerContext ctx, WebSocketFrame frame) {
            if (frame instanceof TextWebSocketFrame text) ctx.writeAndFlush(new TextWebSocketFrame(text.text()));
            else if (frame instanceof PingWebSocketFrame ping) ctx.writeAndFlush(new PongWebSocketFrame(ping.content().retain()));
            else if (frame instanceof CloseWebSocketFrame) ctx.writeAndFlush(new CloseWebSocketFrame()).addListener(ChannelFutureListener.CLOSE);
        }
    }

    private static byte[] generate(int i, String kind) {
        int padding = LARGE.getOrDefault(i, 0);
        return switch (kind) {
            // the marker comes last: a stylesheet or script cut short does not count as loaded
            case "css" -> bytes("/*" + "x".repeat(padding) + "*/\nbody { --r" + i + ": ok; }\n");
            case "js" -> bytes("/*" + "x".repeat(padding) + "*/\nwindow.localhomeScripts.push(" + i + ");\n");
            default -> png(i, padding);
        };
    }

    /** A 1×1 PNG with an ancillary padding chunk of {@code padding} bytes before IEND: cut short, it does not decode. */
    private static byte[] png(int i, int padding) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(100 + padding);
        out.writeBytes(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
        chunk(out, "IHDR", ByteBuffer.allocate(13).putInt(1).putInt(1).put((byte) 8).put((byte) 2)
                .put((byte) 0).put((byte) 0).put((byte) 0).array());
        // one row: filter byte 0, then an RGB pixel that varies with i
        Deflater deflater = new Deflater();
        deflater.setInput(new byte[] {0, (byte) (i * 2), (byte) (255 - i * 2), (byte) 128});
        deflater.finish();
        byte[] compressed = new byte[64];
        int length = deflater.deflate(compressed);
        deflater.end();
        chunk(out, "IDAT", Arrays.copyOf(compressed, length));
        if (padding > 0) chunk(out, "lhPd", new byte[padding]);
        chunk(out, "IEND", new byte[0]);
        return out.toByteArray();
    }

    private static void chunk(ByteArrayOutputStream out, String type, byte[] data) {
        byte[] typeBytes = type.getBytes(StandardCharsets.US_ASCII);
        CRC32 crc = new CRC32();
        crc.update(typeBytes);
        crc.update(data);
        out.writeBytes(ByteBuffer.allocate(4).putInt(data.length).array());
        out.writeBytes(typeBytes);
        out.writeBytes(data);
        out.writeBytes(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
