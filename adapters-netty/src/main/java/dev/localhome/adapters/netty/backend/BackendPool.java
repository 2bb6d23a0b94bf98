package dev.localhome.adapters.netty.backend;

import dev.localhome.adapters.netty.inbound.Channels;
import dev.localhome.adapters.netty.transport.Transport;
import dev.localhome.domain.Endpoint;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.util.concurrent.FastThreadLocal;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

/**
 * Keep-alive HTTP connections to backends, per endpoint and per event loop: the one door the forwarding code uses.
 * Each loop's connections to an endpoint, capped, and the exchanges queued for one are an {@link EndpointLane}; the
 * connecting ({@link BackendConnector}, {@link HttpBackendInitializer}) and what each endpoint speaks
 * ({@link BackendProtocols}) are each their own class. A backend connection always runs on its client's event loop,
 * so the lanes are thread-confined: no locks, no volatile fields.
 *
 * <p>Why the cap is per loop and not one shared count: a page arrives on one h2 connection, whose streams and their
 * backend connections all live on one loop, so the per-loop cap is the page's cap; and a connection cannot move to
 * another loop, so a shared count would make a waiter on one loop wait for a slot that an idle connection holds on
 * another, with cross-thread signalling to undo it. Why 15: a dev server answers on one thread (Node), so more
 * connections add no throughput there (its CPU per request stays flat from 1 to 16), but the proxy's own CPU per
 * request rises as fewer responses share each turn of its loop (8 cost more than 16 in the same run); and 15 plus the
 * page's HMR WebSocket, which is a tunnel outside the cap, is the 16 a cold page should open at most (figures:
 * BENCHMARKS.md, "Backend connections per page" and "A real page").
 */
public final class BackendPool {
    /** Connections one event loop keeps to one endpoint (connecting, busy or idle); more exchanges wait their turn. */
    public static final int CONNECTIONS_PER_ENDPOINT = 15;
    /** A queue with waiters where no connection was given back or closed for this long lets one past the cap. */
    public static final Duration QUEUE_STALL = Duration.ofSeconds(1);
    public static final int IDLE_SECONDS = 30;
    static final int CONNECT_TIMEOUT_MILLIS = 5_000;

    private final FastThreadLocal<Map<Endpoint, EndpointLane>> lanes = new FastThreadLocal<>() {
        @Override
        protected Map<Endpoint, EndpointLane> initialValue() {
            return new HashMap<>();
        }
    };
    private final BackendProtocols protocols = new BackendProtocols();
    private final BackendConnector connector;

    private final Supplier<ChannelHandler> responses;
    private final Duration answerWithin;

    /**
     * @param responses    makes the last handler of each HTTP connection: the one that serves the exchange
     * @param answerWithin longest wait for a response head once a request went out: then a {@link BackendTimedOut}
     */
    public BackendPool(Transport transport, Supplier<ChannelHandler> responses, Duration answerWithin) {
        this.connector = new BackendConnector(transport, CONNECT_TIMEOUT_MILLIS, this::closed);
        this.responses = responses;
        this.answerWithin = answerWithin;
    }

    /**
     * A response head came on {@code connection} (on its loop): what its endpoint speaks is settled, and an answer
     * that may never end (a {@code 101}'s tunnel, an event stream) stops counting against the endpoint's cap.
     */
    public void headReceived(Channel connection, HttpResponse head) {
        Endpoint endpoint = BackendConnector.endpointOf(connection);
        protocols.confirm(endpoint, connection);
        EndpointLane lane = lanes.get().get(endpoint);
        if (lane == null) return;
        int code = head.status().code();
        String type = head.headers().get(HttpHeaderNames.CONTENT_TYPE);
        if (code == HttpResponseStatus.SWITCHING_PROTOCOLS.code() || (type != null && type.startsWith("text/event-stream")))
            lane.exempt(connection);
        else if (code >= 200) lane.answering(connection);
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
     * one when it is alive, else a new one while the cap allows, else the next one given back or freed, in turn
     * ({@link EndpointLane}). Cancel the future to leave the queue. With {@code fresh}, always a new connection: a
     * retry after a pooled connection turned out dead must not take the next pooled one, which the same backend
     * restart or idle close has likely killed too.
     */
    public CompletableFuture<Channel> acquire(Endpoint endpoint, Channel client, boolean fresh) {
        return lanes.get().computeIfAbsent(endpoint, e -> new EndpointLane(CONNECTIONS_PER_ENDPOINT, CONNECTIONS_PER_ENDPOINT,
                QUEUE_STALL.toNanos(), client.eventLoop(), waiter -> open(e, waiter))).acquire(client, fresh);
    }

    /** Hands a connection back: kept for the next request when {@code reusable}, closed otherwise. */
    public void release(Channel connection, boolean reusable) {
        Channels.onLoop(connection.eventLoop(), () -> {
            EndpointLane lane = lanes.get().get(BackendConnector.endpointOf(connection));
            if (lane != null) lane.giveBack(connection, reusable);
            else connection.close();
        });
    }

    /** The client whose exchange {@code connection} serves now (or served last), or null. */
    static Channel clientOf(Channel connection) {
        return connection.attr(BackendConnector.CLIENT).get();
    }

    /** A fresh connection that carries raw bytes only (a TLS tunnel to a backend that speaks TLS itself). */
    public CompletionStage<Channel> connectRaw(Endpoint endpoint, Channel client, ChannelHandler handler) {
        return connector.connect(endpoint, client, handler);
    }

    private CompletableFuture<Channel> open(Endpoint endpoint, Channel client) {
        try {
            HttpBackendInitializer pipeline = new HttpBackendInitializer(protocols.tlsOrNull(endpoint), endpoint, responses, answerWithin);
            return connector.connect(endpoint, client, pipeline).toCompletableFuture();
        } catch (RuntimeException e) { // not an address: fails like a refused connection would
            return CompletableFuture.failedFuture(e);
        }
    }

    /** A connection closed (on its loop): its lane frees its slot, and is dropped once nothing is left in it. */
    private void closed(Endpoint endpoint, Channel connection) {
        Map<Endpoint, EndpointLane> mine = lanes.get();
        EndpointLane lane = mine.get(endpoint);
        if (lane == null) return;
        lane.closed(connection);
        if (lane.empty()) mine.remove(endpoint);
    }
}
