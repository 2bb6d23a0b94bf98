package dev.localhome.adapters.netty.forward;

import dev.localhome.adapters.netty.inbound.PipelineNames;
import dev.localhome.adapters.netty.inbound.Channels;
import dev.localhome.adapters.netty.transport.Transport;

import dev.localhome.domain.Endpoint;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.util.InsecureTrustManagerFactory;
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
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLException;

/**
 * Keep-alive HTTP connections to backends, per endpoint and per event loop. A backend connection always runs on its
 * client's event loop, so the idle lists are thread-confined: no locks, no volatile fields.
 */
public final class BackendPool {
    // As many as one h2 tunnel may have streams in flight: a burst's connections survive to serve the next burst.
    public static final int MAX_IDLE_PER_ENDPOINT = 128;
    public static final int IDLE_SECONDS = 30;
    static final int CONNECT_TIMEOUT_MILLIS = 5_000;
    private static final AttributeKey<Endpoint> ENDPOINT = AttributeKey.valueOf("localhome.endpoint");

    private final Transport transport;
    private final SslContext backendTls;
    // Whether an endpoint speaks TLS itself; absent until its first answer: plain HTTP is tried first.
    private final ConcurrentMap<Endpoint, Boolean> speaksTls = new ConcurrentHashMap<>();
    private final FastThreadLocal<Map<Endpoint, ArrayDeque<Channel>>> idle = new FastThreadLocal<>() {
        @Override
        protected Map<Endpoint, ArrayDeque<Channel>> initialValue() {
            return new HashMap<>();
        }
    };

    public BackendPool(Transport transport) {
        this.transport = transport;
        this.backendTls = trustingClientContext();
    }

    /**
     * A dev server that serves HTTPS itself has a self-signed certificate nobody can verify. It is on loopback and
     * named by its user, so its certificate is accepted as it is.
     */
    private static SslContext trustingClientContext() {
        try {
            return SslContextBuilder.forClient().trustManager(InsecureTrustManagerFactory.INSTANCE).build();
        } catch (SSLException e) {
            throw new IllegalStateException("cannot build the TLS client context for backends", e);
        }
    }

    /** Records what an endpoint speaks once it answered in HTTP over {@code connection}. */
    void confirmProtocol(Endpoint endpoint, Channel connection) {
        if (!speaksTls.containsKey(endpoint)) speaksTls.putIfAbsent(endpoint, connection.pipeline().get(SslHandler.class) != null);
    }

    /**
     * A connection failed before any answer. When the endpoint's protocol is not known yet, the next attempt tries
     * the other one; a failed TLS handshake settles it as plain.
     *
     * @return whether another attempt may succeed where this one failed
     */
    boolean reconsiderProtocol(Endpoint endpoint, Channel failed) {
        SslHandler tls = failed.pipeline().get(SslHandler.class);
        if (tls != null && !tls.handshakeFuture().isSuccess()) return speaksTls.replace(endpoint, true, false);
        return tls == null && speaksTls.putIfAbsent(endpoint, true) == null;
    }

    /**
     * A connection to {@code endpoint} on {@code client}'s event loop (call there), so no state needs locking: an idle
     * one when it is alive, else a new one. With {@code fresh}, always a new connection: a retry after a pooled connection turned out dead must not take
     * the next pooled one, which the same backend restart or idle close has likely killed too.
     */
    CompletionStage<Channel> acquire(Endpoint endpoint, Channel client, boolean fresh) {
        ArrayDeque<Channel> waiting = fresh ? null : idle.get().get(endpoint);
        while (waiting != null && !waiting.isEmpty()) {
            Channel candidate = waiting.pollLast();
            if (candidate.isActive()) return CompletableFuture.completedFuture(candidate);
        }
        return connect(endpoint, client, new HttpBackendInitializer(speaksTls.getOrDefault(endpoint, false) ? backendTls : null, endpoint));
    }

    /** Hands a connection back: kept for the next request when {@code reusable}, closed otherwise. */
    void release(Channel connection, boolean reusable) {
        Channels.onLoop(connection.eventLoop(), () -> {
            Endpoint endpoint = connection.attr(ENDPOINT).get();
            ArrayDeque<Channel> waiting = idle.get().computeIfAbsent(endpoint, e -> new ArrayDeque<>());
            if (!reusable || !connection.isActive() || waiting.size() >= MAX_IDLE_PER_ENDPOINT) connection.close();
            else waiting.addLast(connection);
        });
    }

    /** A fresh connection that carries raw bytes only (a TLS tunnel to a backend that speaks TLS itself). */
    public CompletionStage<Channel> connectRaw(Endpoint endpoint, Channel client, ChannelHandler handler) {
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
        private static final long HANDSHAKE_TIMEOUT_MILLIS = 3_000;
        private final SslContext tls;
        private final Endpoint endpoint;

        HttpBackendInitializer(SslContext tlsOrNull, Endpoint endpoint) {
            this.tls = tlsOrNull;
            this.endpoint = endpoint;
        }

        @Override
        protected void initChannel(Channel channel) {
            if (tls != null) {
                SslHandler handler = tls.newHandler(channel.alloc(), "localhost", endpoint.port());
                handler.setHandshakeTimeoutMillis(HANDSHAKE_TIMEOUT_MILLIS);
                channel.pipeline().addLast(PipelineNames.TLS, handler);
            }
            channel.pipeline()
                    .addLast(PipelineNames.IDLE, new IdleStateHandler(0, 0, IDLE_SECONDS, TimeUnit.SECONDS))
                    .addLast(PipelineNames.HTTP_CLIENT, new HttpClientCodec(8 * 1024, 64 * 1024, 64 * 1024))
                    .addLast(PipelineNames.RESPONSE, new BackendResponseHandler());
        }
    }
}
