package dev.localhome.adapters.netty.testing;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
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
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultLastHttpContent;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshaker;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshakerFactory;
import io.netty.handler.ssl.SslContext;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A dev server for tests, on real sockets. Run in-process ({@link #start(int)}) or as a child process started with
 * {@code NAME=...} ({@link #main}: prints {@code READY:<port>}).
 *
 * <ul>
 *   <li>{@code /headers}: the request line and the headers the backend received, one per line;</li>
 *   <li>{@code /bytes?n=N[&close=1]}: N deterministic bytes, by Content-Length, or ended by close;</li>
 *   <li>{@code POST /upload}: streams the body and answers {@code <length> <sha256>};</li>
 *   <li>{@code /gzip}: a gzip-encoded body with {@code Content-Encoding: gzip};</li>
 *   <li>{@code /ws}: a WebSocket that echoes text and binary frames;</li>
 *   <li>{@code /hang-up}: closes without answering; anything else: {@code hello from <name>}.</li>
 * </ul>
 */
public final class TestBackend implements AutoCloseable {
    private final EventLoopGroup group;
    private final Channel listener;
    private final String name;
    private final AtomicInteger accepted;
    private final AtomicInteger open;

    private TestBackend(EventLoopGroup group, Channel listener, String name, AtomicInteger accepted, AtomicInteger open) {
        this.group = group;
        this.listener = listener;
        this.name = name;
        this.accepted = accepted;
        this.open = open;
    }

    public static TestBackend start(int port) throws InterruptedException {
        return start(port, "test");
    }

    public static TestBackend start(int port, String name) throws InterruptedException {
        return start(port, name, null);
    }

    /** A backend that serves HTTPS itself, with a self-signed certificate, as some dev servers do. */
    public static TestBackend startTls(int port, String name) throws Exception {
        return start(port, name, SelfSignedServerContext.create());
    }

    private static TestBackend start(int port, String name, SslContext tls) throws InterruptedException {
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        AtomicInteger accepted = new AtomicInteger();
        AtomicInteger open = new AtomicInteger();
        Channel listener = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        accepted.incrementAndGet();
                        open.incrementAndGet();
                        ch.closeFuture().addListener(closed -> open.decrementAndGet());
                        if (tls != null) ch.pipeline().addLast(tls.newHandler(ch.alloc()));
                        ch.pipeline().addLast(new HttpServerCodec(8192, 65536, 65536), new Handler(name));
                    }
                }).bind("127.0.0.1", port).sync().channel();
        return new TestBackend(group, listener, name, accepted, open);
    }

    /** Connections accepted so far. */
    public int accepted() {
        return accepted.get();
    }

    /** Connections open now. */
    public int open() {
        return open.get();
    }

    public int port() {
        return ((InetSocketAddress) listener.localAddress()).getPort();
    }

    public String name() {
        return name;
    }

    @Override
    public void close() {
        listener.close().awaitUninterruptibly();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly();
    }

    public static void main(String[] args) throws Exception {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 0;
        TestBackend backend = start(port, System.getenv().getOrDefault("NAME", "test"));
        System.out.println("READY:" + backend.port());
        System.out.flush();
        // Ends when the test destroys the process, or when its stdin closes (the test died).
        while (System.in.read() >= 0) { /* wait */ }
        backend.close();
    }

    /** Reads a {@code /bytes} body to its end, checking every byte; returns how many arrived. */
    public static long countPatternBytes(java.io.InputStream body) throws java.io.IOException {
        byte[] buffer = new byte[1 << 16];
        long index = 0;
        for (int n; (n = body.read(buffer)) > 0; ) {
            for (int i = 0; i < n; i++, index++) {
                if (buffer[i] != byteAt(index)) throw new AssertionError("byte " + index + " differs");
            }
        }
        return index;
    }

    /** The byte at {@code index} of every {@code /bytes} body: tests recompute it to check what arrived. */
    public static byte byteAt(long index) {
        return (byte) ((index * 31 + (index >>> 8)) & 0xff);
    }

    private static final class Handler extends SimpleChannelInboundHandler<HttpObject> {
        private final String name;
        private MessageDigest upload;
        private long uploaded;
        private WebSocketServerHandshaker handshaker;

        Handler(String name) {
            this.name = name;
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, HttpObject msg) throws Exception {
            if (msg instanceof HttpRequest request) onRequest(ctx, request);
            if (msg instanceof HttpContent content && upload != null) {
                ByteBuf bytes = content.content();
                uploaded += bytes.readableBytes();
                upload.update(bytes.nioBuffer());
                if (content instanceof LastHttpContent) {
                    String answer = uploaded + " " + HexFormat.of().formatHex(upload.digest());
                    upload = null;
                    respond(ctx, HttpResponseStatus.OK, answer);
                }
            }
        }

        private void onRequest(ChannelHandlerContext ctx, HttpRequest request) throws NoSuchAlgorithmException {
            QueryStringDecoder uri = new QueryStringDecoder(request.uri());
            switch (uri.path()) {
                case "/upload" -> {
                    upload = MessageDigest.getInstance("SHA-256");
                    uploaded = 0;
                }
                case "/headers" -> respond(ctx, HttpResponseStatus.OK, describe(request));
                case "/bytes" -> streamBytes(ctx, Long.parseLong(uri.parameters().get("n").get(0)),
                        uri.parameters().containsKey("close"));
                case "/gzip" -> {
                    FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK,
                            Unpooled.wrappedBuffer(GZIPPED_HELLO));
                    response.headers().set(HttpHeaderNames.CONTENT_ENCODING, "gzip")
                            .set(HttpHeaderNames.CONTENT_LENGTH, GZIPPED_HELLO.length);
                    ctx.writeAndFlush(response);
                }
                case "/ws" -> {
                    handshaker = new WebSocketServerHandshakerFactory("ws://" + request.headers().get("Host") + "/ws", null, true)
                            .newHandshaker(request);
                    ctx.pipeline().addLast(new EchoFrames());
                    handshaker.handshake(ctx.channel(), request);
                }
                case "/hang-up" -> ctx.close();
                case "/bodiless" -> bodiless(ctx, request, uri.parameters().get("code").get(0));
                case "/slow" -> new SlowBody(ctx, Integer.parseInt(uri.parameters().get("pieces").get(0)),
                        Long.parseLong(uri.parameters().get("every").get(0))).start();
                case "/status" -> respond(ctx, HttpResponseStatus.valueOf(Integer.parseInt(uri.parameters().get("code").get(0))),
                        "status " + uri.parameters().get("code").get(0) + " from " + name);
                default -> respond(ctx, HttpResponseStatus.OK, "hello from " + name);
            }
        }

        /**
         * A status that has no content, with {@code Content-Length: 7} all the same, as some dev servers send it.
         * Written as bytes past the codec: Netty's encoder would take the header out of a 204.
         */
        private static void bodiless(ChannelHandlerContext ctx, HttpRequest request, String code) {
            String head = "HTTP/1.1 " + code + " " + HttpResponseStatus.valueOf(Integer.parseInt(code)).reasonPhrase()
                    + "\r\nContent-Length: 7\r\nX-Method: " + request.method() + "\r\n\r\n";
            ctx.pipeline().firstContext().writeAndFlush(Unpooled.copiedBuffer(head, StandardCharsets.US_ASCII));
        }

        private static String describe(HttpRequest request) {
            StringBuilder out = new StringBuilder(request.method() + " " + request.uri() + "\n");
            request.headers().forEach(h -> out.append(h.getKey().toLowerCase()).append(": ").append(h.getValue()).append('\n'));
            return out.toString();
        }

        private void streamBytes(ChannelHandlerContext ctx, long total, boolean endByClose) {
            HttpResponse head = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
            head.headers().set(HttpHeaderNames.CONTENT_TYPE, "application/octet-stream");
            if (endByClose) head.headers().set(HttpHeaderNames.CONNECTION, "close");
            else HttpUtil.setContentLength(head, total);
            ctx.write(head);
            new Streamer(ctx, total, endByClose).next();
        }

        private void respond(ChannelHandlerContext ctx, HttpResponseStatus status, String body) {
            FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status,
                    Unpooled.copiedBuffer(body, StandardCharsets.UTF_8));
            response.headers().set(HttpHeaderNames.CONTENT_TYPE, "text/plain; charset=utf-8")
                    .set(HttpHeaderNames.CONTENT_LENGTH, response.content().readableBytes());
            ctx.writeAndFlush(response);
        }
    }

    /**
     * {@code /slow?pieces=N&every=MS}: the head at once, then N pieces of text one every MS milliseconds, the last
     * one {@code "end"}: an exchange that is in flight for as long as a test needs (a stop in the middle of it).
     */
    private static final class SlowBody {
        private final ChannelHandlerContext ctx;
        private final int pieces;
        private final long everyMillis;
        private int sent;

        SlowBody(ChannelHandlerContext ctx, int pieces, long everyMillis) {
            this.ctx = ctx;
            this.pieces = pieces;
            this.everyMillis = everyMillis;
        }

        void start() {
            HttpResponse head = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
            head.headers().set(HttpHeaderNames.CONTENT_TYPE, "text/plain; charset=utf-8")
                    .set(HttpHeaderNames.CONTENT_LENGTH, bodyLength(pieces));
            ctx.writeAndFlush(head);
            ctx.executor().schedule(this::next, everyMillis, java.util.concurrent.TimeUnit.MILLISECONDS);
        }

        /** {@code "piece 0\n"}... {@code "end\n"}: the whole body, for a test to compare with what arrived. */
        public static String body(int pieces) {
            StringBuilder body = new StringBuilder();
            for (int i = 0; i < pieces - 1; i++) body.append("piece ").append(i).append('\n');
            return body.append("end\n").toString();
        }

        private static int bodyLength(int pieces) {
            return body(pieces).getBytes(StandardCharsets.UTF_8).length;
        }

        private void next() {
            if (!ctx.channel().isActive()) return;
            String piece = sent == pieces - 1 ? "end\n" : "piece " + sent + "\n";
            sent++;
            HttpContent content = sent == pieces
                    ? new DefaultLastHttpContent(Unpooled.copiedBuffer(piece, StandardCharsets.UTF_8))
                    : new DefaultHttpContent(Unpooled.copiedBuffer(piece, StandardCharsets.UTF_8));
            ctx.writeAndFlush(content);
            if (sent < pieces) ctx.executor().schedule(this::next, everyMillis, java.util.concurrent.TimeUnit.MILLISECONDS);
        }
    }

    /** The body of {@code /slow?pieces=N}. */
    public static String slowBody(int pieces) {
        return SlowBody.body(pieces);
    }

    /** Writes a large body in pieces, each after the previous one went out: the test backend respects backpressure. */
    private static final class Streamer {
        private static final int PIECE = 64 * 1024;
        private final ChannelHandlerContext ctx;
        private final long total;
        private final boolean endByClose;
        private long sent;

        Streamer(ChannelHandlerContext ctx, long total, boolean endByClose) {
            this.ctx = ctx;
            this.total = total;
            this.endByClose = endByClose;
        }

        void next() {
            if (sent >= total) {
                var done = ctx.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT);
                if (endByClose) done.addListener(ChannelFutureListener.CLOSE);
                return;
            }
            int size = (int) Math.min(PIECE, total - sent);
            ByteBuf piece = ctx.alloc().buffer(size);
            for (int i = 0; i < size; i++) piece.writeByte(byteAt(sent + i));
            sent += size;
            ctx.writeAndFlush(new DefaultHttpContent(piece)).addListener(f -> {
                if (f.isSuccess()) next();
            });
        }
    }

    private static final class EchoFrames extends SimpleChannelInboundHandler<WebSocketFrame> {
        @Override
        protected void channelRead0(ChannelHandlerContext ctx, WebSocketFrame frame) {
            if (frame instanceof TextWebSocketFrame text) ctx.writeAndFlush(new TextWebSocketFrame(text.text()));
            else if (frame instanceof BinaryWebSocketFrame binary) ctx.writeAndFlush(new BinaryWebSocketFrame(binary.content().retain()));
            else if (frame instanceof PingWebSocketFrame ping) ctx.writeAndFlush(new PongWebSocketFrame(ping.content().retain()));
            else if (frame instanceof CloseWebSocketFrame) ctx.writeAndFlush(new CloseWebSocketFrame()).addListener(ChannelFutureListener.CLOSE);
        }
    }

    /** "hello, gzip" compressed with gzip: the proxy must pass these bytes through untouched. */
    public static final byte[] GZIPPED_HELLO = gzip("hello, gzip".getBytes(StandardCharsets.UTF_8));

    private static byte[] gzip(byte[] plain) {
        try (var bytes = new java.io.ByteArrayOutputStream(); var zip = new java.util.zip.GZIPOutputStream(bytes)) {
            zip.write(plain);
            zip.finish();
            return bytes.toByteArray();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
