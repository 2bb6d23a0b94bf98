package dev.localhome.adapters.netty.testing;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http2.DefaultHttp2Headers;
import io.netty.handler.codec.http2.DefaultHttp2HeadersFrame;
import io.netty.handler.codec.http2.DefaultHttp2PingFrame;
import io.netty.handler.codec.http2.DefaultHttp2ResetFrame;
import io.netty.handler.codec.http2.DefaultHttp2DataFrame;
import io.netty.handler.codec.http2.DefaultHttp2WindowUpdateFrame;
import io.netty.handler.codec.http2.Http2Settings;
import io.netty.handler.codec.http2.Http2SettingsFrame;
import io.netty.handler.codec.http2.Http2DataFrame;
import io.netty.handler.codec.http2.Http2Error;
import io.netty.handler.codec.http2.Http2ChannelDuplexHandler;
import io.netty.handler.codec.http2.Http2FrameCodecBuilder;
import io.netty.handler.codec.http2.Http2FrameStream;
import io.netty.handler.codec.http2.Http2GoAwayFrame;
import io.netty.handler.codec.http2.Http2Headers;
import io.netty.handler.codec.http2.Http2HeadersFrame;
import io.netty.handler.codec.http2.Http2PingFrame;
import io.netty.handler.codec.http2.Http2ResetFrame;
import io.netty.handler.codec.http2.Http2StreamFrame;
import io.netty.handler.ssl.ApplicationProtocolConfig;
import io.netty.handler.ssl.ApplicationProtocolNames;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.LinkedBlockingQueue;
import java.io.IOException;
import java.io.InputStream;

/**
 * An h2 client that does what a browser does on an intercepted tunnel, frame by frame: {@code CONNECT name:443}
 * through the proxy, TLS trusting only the test CA, ALPN {@code h2}, then requests, and requests it cancels with
 * {@code RST_STREAM CANCEL} right after their {@code HEADERS} (a page reloaded mid-load). Netty's own client codec,
 * no multiplexing: every frame the server sends is seen here, a {@code GOAWAY} included.
 */
public final class H2Tunnel implements AutoCloseable {
    /** An answer to one request: the {@code :status} and the body. */
    public record Response(int status, String body) {}

    private static final long TIMEOUT_SECONDS = 20;
    // Its own thread name: LogCapture counts what this client logs, unlike the test backend's.
    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("h2-test-client"),
            NioIoHandler.newFactory());
    private final String name;
    private final CompletableFuture<Void> ready = new CompletableFuture<>();
    private final CompletableFuture<Http2GoAwayFrame> goAway = new CompletableFuture<>();
    private final CompletableFuture<Http2Settings> settings = new CompletableFuture<>();
    private final Map<Integer, WebSocketStream> sockets = new ConcurrentHashMap<>();
    private final Map<Long, CompletableFuture<Void>> pings = new ConcurrentHashMap<>();
    private final Map<Integer, Exchange> exchanges = new ConcurrentHashMap<>();
    private final AtomicLong nextPing = new AtomicLong();
    private Channel channel;
    private Frames frames;

    private H2Tunnel(String name) {
        this.name = name;
    }

    /** Opens the tunnel and waits until the server's h2 settings arrived (a ping answered after the preface). */
    public static H2Tunnel open(int proxyPort, String name, X509Certificate trustedRoot) throws Exception {
        H2Tunnel tunnel = new H2Tunnel(name);
        try {
            tunnel.connect(proxyPort, trustedRoot);
            tunnel.ready.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            tunnel.ping();
        } catch (Exception e) {
            tunnel.close();
            throw e;
        }
        return tunnel;
    }

    private void connect(int proxyPort, X509Certificate trustedRoot) throws Exception {
        SslContext tls = SslContextBuilder.forClient().trustManager(trustedRoot)
                .applicationProtocolConfig(new ApplicationProtocolConfig(ApplicationProtocolConfig.Protocol.ALPN,
                        ApplicationProtocolConfig.SelectorFailureBehavior.NO_ADVERTISE,
                        ApplicationProtocolConfig.SelectedListenerFailureBehavior.ACCEPT, ApplicationProtocolNames.HTTP_2))
                .build();
        channel = new Bootstrap().group(group).channel(NioSocketChannel.class)
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(new ConnectResponse(tls));
                    }
                }).connect("127.0.0.1", proxyPort).sync().channel();
        String connect = "CONNECT " + name + ":443 HTTP/1.1\r\nHost: " + name + ":443\r\n\r\n";
        channel.writeAndFlush(Unpooled.copiedBuffer(connect, StandardCharsets.US_ASCII));
    }

    /** A GET the client waits for. */
    public Response get(String path) throws Exception {
        CompletableFuture<Response> response = onLoop(() -> {
            Exchange exchange = new Exchange();
            Http2FrameStream stream = frames.newStream();
            channel.writeAndFlush(new DefaultHttp2HeadersFrame(headers(path), true).stream(stream))
                    .addListener(written -> {
                        if (!written.isSuccess()) exchange.response.completeExceptionally(written.cause());
                    });
            exchanges.put(stream.id(), exchange); // the codec numbers a new stream as it takes its HEADERS
            return exchange.response;
        }).get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        return response.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }

    /**
     * {@code count} GETs, each cancelled at once: {@code HEADERS} then {@code RST_STREAM CANCEL}, all in one flush.
     * Returns when they left this side; {@link #ping()} tells when the server has read them.
     */
    public void cancelBurst(int count, String path) throws Exception {
        onLoop(() -> {
            for (int i = 0; i < count; i++) {
                Http2FrameStream stream = frames.newStream();
                channel.write(new DefaultHttp2HeadersFrame(headers(path + "?cancelled=" + i), true).stream(stream));
                channel.write(new DefaultHttp2ResetFrame(Http2Error.CANCEL).stream(stream));
            }
            return channel.writeAndFlush(Unpooled.EMPTY_BUFFER);
        }).get(TIMEOUT_SECONDS, TimeUnit.SECONDS).await(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }

    /** Starts a GET and returns its stream, to be cancelled later with {@link #cancel}. */
    public Http2FrameStream start(String path) throws Exception {
        return onLoop(() -> {
            Http2FrameStream stream = frames.newStream();
            channel.writeAndFlush(new DefaultHttp2HeadersFrame(headers(path), true).stream(stream));
            exchanges.put(stream.id(), new Exchange());
            return stream;
        }).get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }

    /** The {@code :status} of a started stream's response, once its head arrived. */
    public int awaitStatus(Http2FrameStream stream) throws Exception {
        return exchanges.get(stream.id()).head.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }

    public void cancel(Http2FrameStream stream) throws Exception {
        onLoop(() -> channel.writeAndFlush(new DefaultHttp2ResetFrame(Http2Error.CANCEL).stream(stream)))
                .get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }

    /** A PING and its answer: the server has read every frame sent before it. */
    public void ping() throws Exception {
        long content = nextPing.incrementAndGet();
        CompletableFuture<Void> answered = new CompletableFuture<>();
        pings.put(content, answered);
        channel.writeAndFlush(new DefaultHttp2PingFrame(content));
        answered.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }

    /** The server's first {@code SETTINGS}: what it offers, such as extended CONNECT (RFC 8441). */
    public Http2Settings serverSettings() throws Exception {
        return settings.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }

    /**
     * A WebSocket on a stream of this connection, as RFC 8441 opens one: {@code CONNECT} with {@code :protocol
     * websocket}, then {@code DATA} both ways. Unlike the other streams, this one returns every byte it reads to the
     * flow-control window, so a large frame flows.
     */
    public WebSocketStream webSocket(String path, Map<String, String> extraHeaders) throws Exception {
        return onLoop(() -> {
            Http2FrameStream stream = frames.newStream();
            Http2Headers headers = new DefaultHttp2Headers().method("CONNECT").scheme("https").authority(name).path(path);
            headers.set(Http2Headers.PseudoHeaderName.PROTOCOL.value(), "websocket");
            headers.set("sec-websocket-version", "13");
            extraHeaders.forEach(headers::set);
            WebSocketStream socket = new WebSocketStream(stream);
            channel.writeAndFlush(new DefaultHttp2HeadersFrame(headers, false).stream(stream)).addListener(written -> {
                if (!written.isSuccess()) socket.head.completeExceptionally(written.cause());
            });
            sockets.put(stream.id(), socket);
            return socket;
        }).get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }

    /**
     * A request on a stream of its own, its head sent without END_STREAM: the test sends its body and its end
     * ({@link WebSocketStream#send}, {@link WebSocketStream#end}) and reads the answer as it comes.
     */
    public WebSocketStream request(String method, String path, Map<String, String> extraHeaders) throws Exception {
        return onLoop(() -> {
            Http2FrameStream stream = frames.newStream();
            Http2Headers headers = new DefaultHttp2Headers().method(method).scheme("https").authority(name).path(path);
            extraHeaders.forEach(headers::set);
            WebSocketStream request = new WebSocketStream(stream);
            channel.writeAndFlush(new DefaultHttp2HeadersFrame(headers, false).stream(stream)).addListener(written -> {
                if (!written.isSuccess()) request.head.completeExceptionally(written.cause());
            });
            sockets.put(stream.id(), request);
            return request;
        }).get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }

    /** One WebSocket stream (or any other request's, see {@link #request}): its response head, the bytes that came on it, and how it ended. */
    public final class WebSocketStream {
        private static final byte[] END = new byte[0];
        private final Http2FrameStream stream;
        private final CompletableFuture<Http2Headers> head = new CompletableFuture<>();
        private final CompletableFuture<Void> ended = new CompletableFuture<>();
        private final CompletableFuture<Http2Error> reset = new CompletableFuture<>();
        private final LinkedBlockingQueue<byte[]> received = new LinkedBlockingQueue<>();
        /** The bytes of the stream's {@code DATA}, in order; reads fail after a bounded wait, end at END_STREAM. */
        public final InputStream in = new InputStream() {
            private byte[] chunk = new byte[0];
            private int at;

            @Override
            public int read() throws IOException {
                while (at == chunk.length) {
                    if (chunk == END) return -1;
                    try {
                        chunk = received.poll(TIMEOUT_SECONDS, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new IOException(e);
                    }
                    if (chunk == null) throw new IOException("nothing came on the stream for " + TIMEOUT_SECONDS + " s");
                    at = 0;
                }
                return chunk[at++] & 0xff;
            }
        };

        private WebSocketStream(Http2FrameStream stream) {
            this.stream = stream;
        }

        public Http2Headers awaitHead() throws Exception {
            return head.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        }

        public void send(byte[] bytes) throws Exception {
            onLoop(() -> channel.writeAndFlush(new DefaultHttp2DataFrame(Unpooled.wrappedBuffer(bytes)).stream(stream)))
                    .get(TIMEOUT_SECONDS, TimeUnit.SECONDS).await(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        }

        /** END_STREAM from this side: the client's FIN. */
        public void end() throws Exception {
            onLoop(() -> channel.writeAndFlush(new DefaultHttp2DataFrame(true).stream(stream))).get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        }

        /** Completes when the server ended the stream (END_STREAM); fails when it reset it instead. */
        public CompletableFuture<Void> ended() {
            return ended;
        }

        /** Completes with the error code when the server reset the stream. */
        public CompletableFuture<Http2Error> reset() {
            return reset;
        }

        private void onFrame(ChannelHandlerContext ctx, Object msg) {
            if (msg instanceof Http2HeadersFrame headers) {
                head.complete(headers.headers());
                if (headers.isEndStream()) endOfStream();
            } else if (msg instanceof Http2DataFrame data) {
                byte[] bytes = new byte[data.content().readableBytes()];
                data.content().readBytes(bytes);
                if (bytes.length > 0) received.add(bytes);
                if (data.initialFlowControlledBytes() > 0)
                    ctx.writeAndFlush(new DefaultHttp2WindowUpdateFrame(data.initialFlowControlledBytes()).stream(stream));
                if (data.isEndStream()) endOfStream();
            } else if (msg instanceof Http2ResetFrame rst) {
                Http2Error code = Http2Error.valueOf(rst.errorCode());
                reset.complete(code);
                head.completeExceptionally(new IllegalStateException("reset: " + code));
                ended.completeExceptionally(new IllegalStateException("reset: " + code));
                received.add(END);
            }
        }

        private void endOfStream() {
            ended.complete(null);
            received.add(END);
        }
    }

    /** The server's {@code GOAWAY}, once it sent one. */
    public CompletableFuture<Http2GoAwayFrame> goAway() {
        return goAway;
    }

    public boolean isOpen() {
        return channel.isActive();
    }

    /** Waits (bounded) for the connection to close, and says whether it did. */
    public boolean awaitClosed(long seconds) {
        return channel.closeFuture().awaitUninterruptibly(seconds, TimeUnit.SECONDS);
    }

    private Http2Headers headers(String path) {
        return new DefaultHttp2Headers().method("GET").scheme("https").authority(name).path(path);
    }

    private <T> CompletableFuture<T> onLoop(java.util.concurrent.Callable<T> task) {
        CompletableFuture<T> result = new CompletableFuture<>();
        channel.eventLoop().execute(() -> {
            try {
                result.complete(task.call());
            } catch (Exception | Error e) {
                result.completeExceptionally(e);
            }
        });
        return result;
    }

    @Override
    public void close() {
        if (channel != null) channel.close().awaitUninterruptibly(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly();
    }

    private static final class Exchange {
        final CompletableFuture<Response> response = new CompletableFuture<>();
        final CompletableFuture<Integer> head = new CompletableFuture<>();
        final StringBuilder body = new StringBuilder();
        int status;
    }

    /** Reads the proxy's answer to {@code CONNECT}, then puts TLS and h2 in its place. */
    private final class ConnectResponse extends ChannelInboundHandlerAdapter {
        private final SslContext tls;
        private final StringBuilder head = new StringBuilder();

        ConnectResponse(SslContext tls) {
            this.tls = tls;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ByteBuf bytes = (ByteBuf) msg;
            head.append(bytes.toString(StandardCharsets.ISO_8859_1));
            bytes.release();
            if (!head.toString().endsWith("\r\n\r\n")) return; // the proxy sends nothing after its head until TLS
            if (!head.toString().startsWith("HTTP/1.1 200")) {
                ready.completeExceptionally(new IllegalStateException("CONNECT refused: " + head));
                ctx.close();
                return;
            }
            SslHandler handler = tls.newHandler(ctx.alloc(), name, 443);
            frames = new Frames();
            ctx.pipeline().addLast(handler, Http2FrameCodecBuilder.forClient().build(), frames);
            ctx.pipeline().remove(this);
            handler.handshakeFuture().addListener(done -> {
                if (!done.isSuccess()) ready.completeExceptionally(done.cause());
                else if (!ApplicationProtocolNames.HTTP_2.equals(handler.applicationProtocol()))
                    ready.completeExceptionally(new IllegalStateException("ALPN chose " + handler.applicationProtocol()));
                else ready.complete(null);
            });
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            ready.completeExceptionally(new IllegalStateException("closed before the tunnel was set up: " + head));
        }
    }

    /**
     * Every frame the server sends. No window update is ever sent: a large response stalls after 64 KiB, which is a
     * download still in flight when it is cancelled. A duplex handler after the codec is how new outbound streams
     * are made ({@link #newStream()}).
     */
    private final class Frames extends Http2ChannelDuplexHandler {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            try {
                if (msg instanceof Http2PingFrame ping && ping.ack()) {
                    CompletableFuture<Void> answered = pings.remove(ping.content());
                    if (answered != null) answered.complete(null);
                } else if (msg instanceof Http2SettingsFrame server) {
                    settings.complete(server.settings());
                } else if (msg instanceof Http2StreamFrame frame && frame.stream() != null && sockets.containsKey(frame.stream().id())) {
                    sockets.get(frame.stream().id()).onFrame(ctx, msg);
                } else if (msg instanceof Http2GoAwayFrame away) {
                    goAway.complete(away.retain());
                } else if (msg instanceof Http2HeadersFrame headers) {
                    Exchange exchange = exchanges.get(headers.stream().id());
                    if (exchange != null && headers.headers().status() != null) {
                        exchange.status = Integer.parseInt(headers.headers().status().toString());
                        exchange.head.complete(exchange.status);
                    }
                    if (exchange != null && headers.isEndStream()) finish(headers.stream().id(), exchange);
                } else if (msg instanceof Http2DataFrame data) {
                    Exchange exchange = exchanges.get(data.stream().id());
                    if (exchange != null) {
                        exchange.body.append(data.content().toString(StandardCharsets.UTF_8));
                        if (data.isEndStream()) finish(data.stream().id(), exchange);
                    }
                } else if (msg instanceof Http2ResetFrame reset) {
                    Exchange exchange = exchanges.remove(reset.stream().id());
                    if (exchange != null)
                        exchange.response.completeExceptionally(new IllegalStateException("reset: " + reset.errorCode()));
                }
            } finally {
                ReferenceCountUtil.release(msg);
            }
        }

        private void finish(int streamId, Exchange exchange) {
            exchanges.remove(streamId);
            exchange.response.complete(new Response(exchange.status, exchange.body.toString()));
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            IllegalStateException closed = new IllegalStateException("the proxy closed the h2 connection");
            exchanges.values().forEach(e -> e.response.completeExceptionally(closed));
            pings.values().forEach(p -> p.completeExceptionally(closed));
            ctx.fireChannelInactive();
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close(); // the proxy going away mid-write is an outcome the test asserts, not a failure of the client
        }
    }
}
