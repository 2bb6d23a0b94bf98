package dev.localhome.bench.loadgen;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http2.DefaultHttp2Headers;
import io.netty.handler.codec.http2.Http2FrameCodecBuilder;
import io.netty.handler.codec.http2.Http2Headers;
import io.netty.handler.codec.http2.Http2MultiplexHandler;
import io.netty.handler.codec.http2.Http2Settings;
import io.netty.handler.ssl.ApplicationProtocolNames;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.Promise;
import java.net.InetSocketAddress;

/**
 * Opens one connection of a run and takes it through its set-up; each step's handler leaves the pipeline once done:
 *
 * <pre>
 *   TCP connect      [tail]
 *   CONNECT (tunnel) [connect-tunnel, tail]                 -> 200: connect-tunnel removes itself
 *   TLS              [tls, tail]                            -> handshake done, ALPN checked
 *   HTTP/1.1         [(tls,) http-codec, exchange, tail]
 *   h2               [(tls,) h2-frames, h2-streams, h2-connection, tail]; each stream: [h2-stream]
 * </pre>
 *
 * The tail swallows what no one else handled: during the handshake its failure is already reported by the
 * handshake future. A failed set-up closes its channel and reports through {@link ConnectionEvents#failed}.
 */
final class Connector {
    private static final String TAIL = "tail";
    private final Options options;
    private final NettyTransport transport;
    private final ClientTls tls; // null for the plain modes
    private final InetSocketAddress server;
    private final FullHttpRequest request;
    private final Http2Headers h2Request;

    Connector(Options options, NettyTransport transport, ClientTls tls) {
        this.options = options;
        this.transport = transport;
        this.tls = tls;
        this.server = new InetSocketAddress(options.host(), options.port());
        Mode mode = options.mode();
        // one request object for every request: releasing the shared empty buffer is a no-op, so it can be written again
        this.request = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, mode.requestTarget(options),
                Unpooled.EMPTY_BUFFER);
        request.headers().set(HttpHeaderNames.HOST, mode.hostHeader(options))
                .set(HttpHeaderNames.USER_AGENT, "localhome-loadgen")
                .set(HttpHeaderNames.ACCEPT, "*/*");
        this.h2Request = new DefaultHttp2Headers().method("GET").scheme("https").authority(options.name())
                .path(options.path()).add(HttpHeaderNames.USER_AGENT, "localhome-loadgen");
    }

    /** Starts a connection on {@code loop}; returns its channel, so that its owner can close it at any time. */
    Channel open(EventLoop loop, ConnectionEvents events) {
        SetupTimes times = new SetupTimes(System.nanoTime());
        ChannelFuture connecting = new Bootstrap().group(loop).channel(transport.channel())
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(Integer.MAX_VALUE, options.timeout().toMillis()))
                .handler(TAIL_INSTALLER)
                .connect(server);
        Channel channel = connecting.channel();
        connecting.addListener(done -> {
            if (!done.isSuccess()) {
                ErrorKind kind = ErrorKind.of(done.cause());
                fail(channel, events, kind == ErrorKind.TIMEOUT ? kind : ErrorKind.CONNECT, done.cause(), times);
                return;
            }
            times.tcpDone = System.nanoTime();
            if (options.mode().tunnelPort == 0) {
                afterTunnel(channel, events, times);
                return;
            }
            Promise<Void> established = channel.eventLoop().newPromise();
            channel.pipeline().addBefore(TAIL, "connect-tunnel",
                    new TunnelConnectHandler(options.name(), options.mode().tunnelPort, established));
            established.addListener(tunnel -> {
                if (!tunnel.isSuccess()) {
                    fail(channel, events, ErrorKind.of(tunnel.cause()), tunnel.cause(), times);
                    return;
                }
                times.tunnelDone = System.nanoTime();
                afterTunnel(channel, events, times);
            });
        });
        return channel;
    }

    private void afterTunnel(Channel channel, ConnectionEvents events, SetupTimes times) {
        if (tls == null) {
            ready(channel, events, times, false);
            return;
        }
        SslHandler ssl = tls.newHandler(channel.alloc(), options.name());
        channel.pipeline().addBefore(TAIL, "tls", ssl);
        ssl.handshakeFuture().addListener((Future<Channel> handshake) -> {
            if (!handshake.isSuccess()) {
                ErrorKind kind = ErrorKind.of(handshake.cause());
                // a close or an odd failure during the handshake is the handshake failing
                fail(channel, events, kind == ErrorKind.TIMEOUT || kind == ErrorKind.RESET && isReset(handshake.cause())
                        ? kind : ErrorKind.TLS, handshake.cause(), times);
                return;
            }
            times.tlsDone = System.nanoTime();
            String wanted = options.mode().h2 ? ApplicationProtocolNames.HTTP_2 : ApplicationProtocolNames.HTTP_1_1;
            String agreed = ssl.applicationProtocol();
            if (agreed != null && !agreed.equals(wanted) || agreed == null && options.mode().h2) {
                fail(channel, events, ErrorKind.TLS, new ErrorKind.LoadError(ErrorKind.TLS,
                        "server chose ALPN '" + agreed + "', not " + wanted), times);
                return;
            }
            ready(channel, events, times, options.mode().h2);
        });
    }

    private void ready(Channel channel, ConnectionEvents events, SetupTimes times, boolean h2) {
        ConnectionEvents.Exchanges exchanges;
        if (h2) {
            Http2Exchanges streams = new Http2Exchanges(channel, h2Request, options.streams(),
                    options.requestsPerConnection(), events);
            channel.pipeline().addBefore(TAIL, "h2-frames", Http2FrameCodecBuilder.forClient()
                    .initialSettings(Http2Settings.defaultSettings().pushEnabled(false))
                    .encoderEnforceMaxConcurrentStreams(true) // more --streams than the server allows wait their turn
                    .build());
            channel.pipeline().addBefore(TAIL, "h2-streams", new Http2MultiplexHandler(QuietTail.INSTANCE));
            channel.pipeline().addBefore(TAIL, "h2-connection", streams.connectionHandler());
            exchanges = streams;
        } else {
            Http1ExchangeHandler exchange = new Http1ExchangeHandler(request, options.requestsPerConnection(), events);
            channel.pipeline().addBefore(TAIL, "http-codec", new HttpClientCodec());
            channel.pipeline().addBefore(TAIL, "exchange", exchange);
            exchanges = exchange;
        }
        times.ready = System.nanoTime();
        events.ready(channel, exchanges, times);
    }

    private static boolean isReset(Throwable cause) {
        String message = String.valueOf(cause.getMessage());
        return message.contains("reset") || message.contains("Broken pipe");
    }

    private static void fail(Channel channel, ConnectionEvents events, ErrorKind kind, Throwable cause, SetupTimes times) {
        channel.close();
        events.failed(kind, cause, times.started);
    }

    private static final ChannelInitializer<Channel> TAIL_INSTALLER = new ChannelInitializer<>() {
        @Override
        protected void initChannel(Channel channel) {
            channel.pipeline().addLast(TAIL, QuietTail.INSTANCE);
        }
    };

    /** The last handler of every connection: swallows what reached the end of the pipeline unhandled. */
    @ChannelHandler.Sharable
    static final class QuietTail extends ChannelInboundHandlerAdapter {
        static final QuietTail INSTANCE = new QuietTail();

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ReferenceCountUtil.release(msg);
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            // reported by whichever set-up step or exchange owns the connection
        }
    }
}
