package dev.localhome.adapters.netty;

import dev.localhome.domain.Endpoint;
import dev.localhome.domain.port.BackendForwarder;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.AttributeKey;
import io.netty.util.concurrent.FastThreadLocal;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

/**
 * Keep-alive HTTP connections to backends, per endpoint and per event loop. A backend connection always runs on its
 * client's event loop, so the idle lists are thread-confined: no locks, no volatile fields.
 */
final class BackendPool implements BackendForwarder<Channel> {
    static final int MAX_IDLE_PER_ENDPOINT = 32;
    static final int IDLE_SECONDS = 30;
    static final int CONNECT_TIMEOUT_MILLIS = 5_000;
    private static final AttributeKey<Endpoint> ENDPOINT = AttributeKey.valueOf("localhome.endpoint");

    private final Transport transport;
    private final FastThreadLocal<Map<Endpoint, ArrayDeque<Channel>>> idle = new FastThreadLocal<>() {
        @Override
        protected Map<Endpoint, ArrayDeque<Channel>> initialValue() {
            return new HashMap<>();
        }
    };

    BackendPool(Transport transport) {
        this.transport = transport;
    }

    /** Call on {@code client}'s event loop. Reuses an idle connection when one is alive. */
    @Override
    public CompletionStage<Channel> acquire(Endpoint endpoint, Channel client) {
        ArrayDeque<Channel> waiting = idle.get().get(endpoint);
        while (waiting != null && !waiting.isEmpty()) {
            Channel candidate = waiting.pollLast();
            if (candidate.isActive()) return CompletableFuture.completedFuture(candidate);
        }
        return connect(endpoint, client, new HttpBackendInitializer());
    }

    @Override
    public void release(Channel connection, boolean reusable) {
        Channels.onLoop(connection.eventLoop(), () -> {
            Endpoint endpoint = connection.attr(ENDPOINT).get();
            ArrayDeque<Channel> waiting = idle.get().computeIfAbsent(endpoint, e -> new ArrayDeque<>());
            if (!reusable || !connection.isActive() || waiting.size() >= MAX_IDLE_PER_ENDPOINT) connection.close();
            else waiting.addLast(connection);
        });
    }

    /** A fresh connection that carries raw bytes only (a TLS tunnel to a backend that speaks TLS itself). */
    CompletionStage<Channel> connectRaw(Endpoint endpoint, Channel client, ChannelHandler handler) {
        return connect(endpoint, client, handler);
    }

    private CompletionStage<Channel> connect(Endpoint endpoint, Channel client, ChannelHandler handler) {
        CompletableFuture<Channel> connected = new CompletableFuture<>();
        ChannelFuture attempt = new Bootstrap()
                .group(client.eventLoop())
                .channel(transport.clientChannel())
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, CONNECT_TIMEOUT_MILLIS)
                .attr(ENDPOINT, endpoint)
                .handler(handler)
                .connect(address(endpoint));
        attempt.addListener(done -> {
            if (done.isSuccess()) {
                Channel channel = attempt.channel();
                channel.closeFuture().addListener(closed -> forget(endpoint, channel));
                connected.complete(channel);
            } else {
                connected.completeExceptionally(done.cause());
            }
        });
        return connected;
    }

    private void forget(Endpoint endpoint, Channel channel) {
        ArrayDeque<Channel> waiting = idle.get().get(endpoint);
        if (waiting != null) waiting.remove(channel);
    }

    private static InetSocketAddress address(Endpoint endpoint) {
        try {
            // A literal address: no name lookup happens.
            return new InetSocketAddress(InetAddress.getByName(endpoint.address()), endpoint.port());
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("not an address: " + endpoint.address(), e);
        }
    }

    /** HTTP/1.1 toward the backend; quiet pooled connections are evicted after {@value #IDLE_SECONDS} s. */
    private static final class HttpBackendInitializer extends ChannelInitializer<Channel> {
        @Override
        protected void initChannel(Channel channel) {
            channel.pipeline()
                    .addLast(PipelineNames.IDLE, new IdleStateHandler(0, 0, IDLE_SECONDS, TimeUnit.SECONDS))
                    .addLast(PipelineNames.HTTP_CLIENT, new HttpClientCodec(8 * 1024, 64 * 1024, 64 * 1024))
                    .addLast(PipelineNames.RESPONSE, new BackendResponseHandler());
        }
    }
}
