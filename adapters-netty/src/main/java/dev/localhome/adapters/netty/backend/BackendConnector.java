package dev.localhome.adapters.netty.backend;

import dev.localhome.adapters.netty.transport.Transport;
import dev.localhome.domain.Endpoint;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelOption;
import io.netty.util.AttributeKey;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.BiConsumer;

/**
 * Opens a connection to a backend on its client's event loop, so the two channels share one thread. Each connection
 * remembers its endpoint, and {@code whenClosed} hears of its close, on that same loop.
 */
final class BackendConnector {
    private static final AttributeKey<Endpoint> ENDPOINT = AttributeKey.valueOf("localhome.endpoint");
    /** The client a connection serves now: a pooled connection serves one client after another. */
    static final AttributeKey<Channel> CLIENT = AttributeKey.valueOf("localhome.client");

    private final Transport transport;
    private final int connectTimeoutMillis;
    private final BiConsumer<Endpoint, Channel> whenClosed;

    BackendConnector(Transport transport, int connectTimeoutMillis, BiConsumer<Endpoint, Channel> whenClosed) {
        this.transport = transport;
        this.connectTimeoutMillis = connectTimeoutMillis;
        this.whenClosed = whenClosed;
    }

    /** {@code connection} serves {@code client}'s exchange from now on. */
    static void serve(Channel connection, Channel client) {
        connection.attr(CLIENT).set(client);
    }

    /** The endpoint {@code connection} was opened to by {@link #connect}. */
    static Endpoint endpointOf(Channel connection) {
        return connection.attr(ENDPOINT).get();
    }

    /** A new connection to {@code endpoint} with {@code handler} as its pipeline; fails with the connect's own cause. */
    CompletionStage<Channel> connect(Endpoint endpoint, Channel client, ChannelHandler handler) {
        CompletableFuture<Channel> connected = new CompletableFuture<>();
        ChannelFuture attempt = new Bootstrap()
                .group(client.eventLoop())
                .channel(transport.clientChannel())
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, connectTimeoutMillis)
                .attr(ENDPOINT, endpoint)
                .attr(CLIENT, client)
                .handler(handler)
                .connect(address(endpoint));
        attempt.addListener(done -> {
            if (done.isSuccess()) {
                Channel channel = attempt.channel();
                channel.closeFuture().addListener(closed -> whenClosed.accept(endpoint, channel));
                connected.complete(channel);
            } else {
                connected.completeExceptionally(done.cause());
            }
        });
        return connected;
    }

    private static InetSocketAddress address(Endpoint endpoint) {
        try {
            // A literal address: no name lookup happens.
            return new InetSocketAddress(InetAddress.getByName(endpoint.address()), endpoint.port());
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("not an address: " + endpoint.address(), e);
        }
    }
}
