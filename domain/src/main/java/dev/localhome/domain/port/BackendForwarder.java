package dev.localhome.domain.port;

import dev.localhome.domain.Endpoint;
import java.util.concurrent.CompletionStage;

/**
 * Outbound: connections to backend endpoints, reused where the protocol allows. {@code C} is the transport's
 * connection type; the port only fixes the life cycle, acquire then release.
 */
public interface BackendForwarder<C> {
    /** A connection to {@code endpoint}, served by the same thread as {@code client} so no state needs locking. */
    CompletionStage<C> acquire(Endpoint endpoint, C client);

    /** Hands a connection back: kept for the next request when {@code reusable}, closed otherwise. */
    void release(C connection, boolean reusable);
}
