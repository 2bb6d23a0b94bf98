package dev.localhome.adapters.netty.forward;

import dev.localhome.adapters.netty.backend.BackendPool;
import dev.localhome.adapters.netty.inbound.Channels;
import dev.localhome.domain.Endpoint;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http2.Http2StreamChannel;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * An exchange's wait for a backend connection, which may be a turn in the pool's queue: when the client leaves
 * first (a stream reset, a closed tab) the wait is cancelled and leaves the queue, so it never takes a connection.
 * On the exchange's event loop, like the exchange.
 */
final class BackendRequest {
    private final ChannelHandlerContext client;
    private final Consumer<Channel> attach;
    private final Consumer<Throwable> failed;
    private CompletableFuture<Channel> pending;

    /**
     * @param attach gets the connection (the exchange may have finished meanwhile: then it gives it back)
     * @param failed hears why no connection came, unless the wait was cancelled
     */
    BackendRequest(ChannelHandlerContext client, Consumer<Channel> attach, Consumer<Throwable> failed) {
        this.client = client;
        this.attach = attach;
        this.failed = failed;
    }

    /**
     * Asks for the first connection. An h2 stream asks in a task of its own, after the rest of this read: a browser
     * that cancels a request right after sending it (RST_STREAM in the same packet as HEADERS, on reload) has closed
     * the stream by then, so it costs no backend connection and no turn in the queue. Its channelInactive comes
     * later still (Netty fires it in a task), hence isActive, not {@code finished} only. HTTP/1.1 has no such
     * cancel: it asks at once.
     */
    void first(BackendPool pool, Endpoint endpoint, BooleanSupplier finished) {
        if (client.channel() instanceof Http2StreamChannel)
            client.executor().execute(() -> { if (!finished.getAsBoolean() && client.channel().isActive()) ask(pool, endpoint, false); });
        else ask(pool, endpoint, false);
    }

    /** Asks for a connection; {@code fresh}: a new one, never a pooled one (a retry). */
    void ask(BackendPool pool, Endpoint endpoint, boolean fresh) {
        CompletableFuture<Channel> asked = pool.acquire(endpoint, client.channel(), fresh);
        pending = asked;
        asked.whenComplete((connection, failure) -> Channels.onLoop(client.executor(), () -> {
            if (pending == asked) pending = null;
            if (failure == null) attach.accept(connection);
            else if (!(failure instanceof CancellationException)) failed.accept(failure);
        }));
    }

    /** The client left: a wait in the queue ends here. */
    void cancel() {
        if (pending != null) pending.cancel(false);
        pending = null;
    }
}
