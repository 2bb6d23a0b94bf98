package dev.localhome.adapters.netty.backend;

import dev.localhome.adapters.netty.inbound.Channels;
import dev.localhome.adapters.netty.transport.Transport;
import dev.localhome.domain.Endpoint;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

/**
 * Keep-alive HTTP connections to backends, per endpoint and per event loop: the one door the forwarding code uses.
 * The idle lists ({@link IdleConnections}), the connecting ({@link BackendConnector}, {@link HttpBackendInitializer})
 * and what each endpoint speaks ({@link BackendProtocols}) are each their own class. A backend connection always
 * runs on its client's event loop, so the idle lists are thread-confined: no locks, no volatile fields.
 */
public final class BackendPool {
    // As many as one h2 tunnel may have streams in flight: a burst's connections survive to serve the next burst.
    public static final int MAX_IDLE_PER_ENDPOINT = 128;
    public static final int IDLE_SECONDS = 30;
    static final int CONNECT_TIMEOUT_MILLIS = 5_000;

    private final IdleConnections idle = new IdleConnections(MAX_IDLE_PER_ENDPOINT);
    private final BackendProtocols protocols = new BackendProtocols();
    private final BackendConnector connector;

    private final Supplier<ChannelHandler> responses;
    private final Duration answerWithin;

    /**
     * @param responses    makes the last handler of each HTTP connection: the one that serves the exchange
     * @param answerWithin longest wait for a response head once a request went out: then a {@link BackendTimedOut}
     */
    public BackendPool(Transport transport, Supplier<ChannelHandler> responses, Duration answerWithin) {
        this.connector = new BackendConnector(transport, CONNECT_TIMEOUT_MILLIS, idle::forget);
        this.responses = responses;
        this.answerWithin = answerWithin;
    }

    /** Records what an endpoint speaks once it answered in HTTP over {@code connection}. */
    public void confirmProtocol(Endpoint endpoint, Channel connection) {
        protocols.confirm(endpoint, connection);
    }

    /**
     * A connection failed before any answer. When the endpoint's protocol is not known yet, the next attempt tries
     * the other one; a failed TLS handshake settles it as plain.
     *
     * @return whether another attempt may succeed where this one failed
     */
    public boolean reconsiderProtocol(Endpoint endpoint, Channel failed) {
        return protocols.reconsider(endpoint, failed);
    }

    /**
     * A connection to {@code endpoint} on {@code client}'s event loop (call there), so no state needs locking: an idle
     * one when it is alive, else a new one. With {@code fresh}, always a new connection: a retry after a pooled connection turned out dead must not take
     * the next pooled one, which the same backend restart or idle close has likely killed too.
     */
    public CompletionStage<Channel> acquire(Endpoint endpoint, Channel client, boolean fresh) {
        Channel pooled = fresh ? null : idle.take(endpoint);
        if (pooled != null) {
            pooled.attr(BackendConnector.CLIENT).set(client);
            return CompletableFuture.completedFuture(pooled);
        }
        return connector.connect(endpoint, client, new HttpBackendInitializer(protocols.tlsOrNull(endpoint), endpoint, responses, answerWithin));
    }

    /** Hands a connection back: kept for the next request when {@code reusable}, closed otherwise. */
    public void release(Channel connection, boolean reusable) {
        Channels.onLoop(connection.eventLoop(),
                () -> idle.giveBack(BackendConnector.endpointOf(connection), connection, reusable));
    }

    /** The client whose exchange {@code connection} serves now (or served last), or null. */
    static Channel clientOf(Channel connection) {
        return connection.attr(BackendConnector.CLIENT).get();
    }

    /** A fresh connection that carries raw bytes only (a TLS tunnel to a backend that speaks TLS itself). */
    public CompletionStage<Channel> connectRaw(Endpoint endpoint, Channel client, ChannelHandler handler) {
        return connector.connect(endpoint, client, handler);
    }
}
