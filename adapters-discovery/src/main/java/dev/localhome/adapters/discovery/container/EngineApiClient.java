package dev.localhome.adapters.discovery.container;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioDomainSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.json.JsonObjectDecoder;
import io.netty.handler.timeout.ReadTimeoutHandler;
import java.io.IOException;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ClosedChannelException;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * HTTP/1.1 to a container engine over its unix socket, with Netty's own codec: one request per connection, and one
 * long-lived connection for the events stream, whose body is a sequence of JSON objects that Netty's
 * {@link JsonObjectDecoder} splits. No HTTP or JSON framing is written by hand.
 *
 * <p>NIO's domain socket channel (JDK 16's {@link UnixDomainSocketAddress}) rather than epoll's: it works on every
 * platform the JDK runs on, macOS's Docker Desktop socket included, and the engine sees a handful of requests a
 * minute. One event-loop thread of its own: discovery shares nothing with the proxy's loops.
 */
final class EngineApiClient implements AutoCloseable {
    /** A container list of a few hundred containers, or one inspection, fits many times over. */
    private static final int MAX_RESPONSE_BYTES = 16 * 1024 * 1024;
    /** One event is a few hundred bytes; a bigger one is not an event of ours. */
    private static final int MAX_EVENT_BYTES = 1024 * 1024;
    private static final int REQUEST_TIMEOUT_SECONDS = 10;

    private final EventLoopGroup group;

    EngineApiClient(ThreadFactory threads) {
        this.group = new MultiThreadIoEventLoopGroup(1, threads, NioIoHandler.newFactory());
    }

    /** The response to {@code GET path} at {@code socket}: its status and whole body; fails with the connection's cause. */
    CompletableFuture<Response> get(Path socket, String path) {
        CompletableFuture<Response> response = new CompletableFuture<>();
        connect(socket, new ChannelInitializer<>() {
            @Override
            protected void initChannel(Channel channel) {
                channel.pipeline().addLast(new ReadTimeoutHandler(REQUEST_TIMEOUT_SECONDS, TimeUnit.SECONDS),
                        new HttpClientCodec(), new HttpObjectAggregator(MAX_RESPONSE_BYTES), new ResponseHandler(response));
            }
        }).addListener((ChannelFuture connected) -> {
            if (!connected.isSuccess()) response.completeExceptionally(connected.cause());
            else connected.channel().writeAndFlush(request(path, false)).addListener(written -> {
                if (!written.isSuccess()) response.completeExceptionally(written.cause());
            });
        });
        return response;
    }

    /**
     * Opens {@code GET path} as a stream of JSON objects: {@code opened} completes once the engine answered 200,
     * {@code each} gets every object's bytes on the client's thread, and the returned stream's {@code ended} completes
     * when the connection ends for any reason (the engine stopped, {@link Stream#close}).
     */
    Stream stream(Path socket, String path, Consumer<byte[]> each) {
        CompletableFuture<Void> opened = new CompletableFuture<>();
        CompletableFuture<Void> ended = new CompletableFuture<>();
        ChannelFuture connecting = connect(socket, new ChannelInitializer<>() {
            @Override
            protected void initChannel(Channel channel) {
                channel.pipeline().addLast(new HttpClientCodec(), new StreamBodyHandler(opened),
                        new JsonObjectDecoder(MAX_EVENT_BYTES), new JsonObjectHandler(each));
            }
        });
        connecting.addListener((ChannelFuture connected) -> {
            if (!connected.isSuccess()) {
                opened.completeExceptionally(connected.cause());
                ended.complete(null);
                return;
            }
            Channel channel = connected.channel();
            channel.closeFuture().addListener(closed -> {
                opened.completeExceptionally(new ClosedChannelException());
                ended.complete(null);
            });
            channel.writeAndFlush(request(path, true));
        });
        return new Stream(connecting.channel(), opened, ended);
    }

    /** A stream of JSON objects from the engine; closing it ends the connection. */
    record Stream(Channel channel, CompletableFuture<Void> opened, CompletableFuture<Void> ended) {
        void close() {
            channel.close();
        }
    }

    /** An answer of the engine: its status and body. */
    record Response(int status, byte[] body) {
        boolean ok() {
            return status == 200;
        }
    }

    private ChannelFuture connect(Path socket, ChannelInitializer<Channel> initializer) {
        return new Bootstrap().group(group).channel(NioDomainSocketChannel.class).handler(initializer)
                .connect(UnixDomainSocketAddress.of(socket));
    }

    private static FullHttpRequest request(String path, boolean keepOpen) {
        FullHttpRequest request = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, path);
        request.headers().set(HttpHeaderNames.HOST, "localhost") // the engine ignores it, HTTP/1.1 demands it
                .set(HttpHeaderNames.CONNECTION, keepOpen ? HttpHeaderValues.KEEP_ALIVE : HttpHeaderValues.CLOSE);
        return request;
    }

    /** Runs {@code task} on the client's thread after {@code delayMillis}: how reconnecting waits. */
    void schedule(Runnable task, long delayMillis) {
        if (!group.isShuttingDown()) group.schedule(task, delayMillis, TimeUnit.MILLISECONDS);
    }

    /** Runs {@code task} on the client's thread, where every callback of this client runs. */
    void execute(Runnable task) {
        if (!group.isShuttingDown()) group.execute(task);
    }

    @Override
    public void close() {
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
    }

    /** Completes the request's future with the aggregated response; a connection that ends first fails it. */
    private static final class ResponseHandler extends SimpleChannelInboundHandler<FullHttpResponse> {
        private final CompletableFuture<Response> response;

        ResponseHandler(CompletableFuture<Response> response) {
            this.response = response;
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, FullHttpResponse message) {
            response.complete(new Response(message.status().code(), ByteBufUtil.getBytes(message.content())));
            ctx.close();
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            response.completeExceptionally(new IOException("the engine closed the connection without an answer"));
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            response.completeExceptionally(cause);
            ctx.close();
        }
    }

    /**
     * Checks the stream's status, then passes its body on as bytes, so that the JSON decoder behind it sees the byte
     * stream the engine wrote (chunked framing already removed by the codec).
     */
    private static final class StreamBodyHandler extends SimpleChannelInboundHandler<Object> {
        private final CompletableFuture<Void> opened;

        StreamBodyHandler(CompletableFuture<Void> opened) {
            this.opened = opened;
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, Object message) {
            if (message instanceof HttpResponse head) {
                if (head.status().code() != 200) {
                    opened.completeExceptionally(new IOException("the engine answered " + head.status()));
                    ctx.close();
                    return;
                }
                opened.complete(null);
            }
            if (message instanceof HttpContent content) {
                ByteBuf body = content.content();
                if (body.isReadable()) ctx.fireChannelRead(body.retain());
                if (message instanceof LastHttpContent) ctx.close();
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            opened.completeExceptionally(cause);
            ctx.close();
        }
    }

    /** Hands each JSON object's bytes to the consumer. */
    private static final class JsonObjectHandler extends SimpleChannelInboundHandler<ByteBuf> {
        private final Consumer<byte[]> each;

        JsonObjectHandler(Consumer<byte[]> each) {
            this.each = each;
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, ByteBuf object) {
            each.accept(ByteBufUtil.getBytes(object));
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close(); // a garbled stream ends: the watcher reconnects and lists anew
        }
    }
}
