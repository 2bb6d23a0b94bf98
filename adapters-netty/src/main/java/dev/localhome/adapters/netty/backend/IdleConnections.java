package dev.localhome.adapters.netty.backend;

import dev.localhome.domain.Endpoint;
import io.netty.channel.Channel;
import io.netty.util.concurrent.FastThreadLocal;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;

/**
 * Keep-alive backend connections waiting for their next request, per event loop and per endpoint. Every method runs
 * on the connection's own event loop, which is also its client's, so each loop's lists are its own: no locks, no
 * volatile fields.
 */
final class IdleConnections {
    private final int maxPerEndpoint;
    private final FastThreadLocal<Map<Endpoint, ArrayDeque<Channel>>> idle = new FastThreadLocal<>() {
        @Override
        protected Map<Endpoint, ArrayDeque<Channel>> initialValue() {
            return new HashMap<>();
        }
    };

    IdleConnections(int maxPerEndpoint) {
        this.maxPerEndpoint = maxPerEndpoint;
    }

    /** The most recently returned live connection to {@code endpoint} on this loop, or null when none is left. */
    Channel take(Endpoint endpoint) {
        ArrayDeque<Channel> waiting = idle.get().get(endpoint);
        while (waiting != null && !waiting.isEmpty()) {
            Channel candidate = waiting.pollLast();
            if (candidate.isActive()) return candidate;
        }
        return null;
    }

    /** Keeps {@code connection} for the next request when it is {@code reusable}, alive and there is room; else closes it. */
    void giveBack(Endpoint endpoint, Channel connection, boolean reusable) {
        ArrayDeque<Channel> waiting = idle.get().computeIfAbsent(endpoint, e -> new ArrayDeque<>());
        if (!reusable || !connection.isActive() || waiting.size() >= maxPerEndpoint) connection.close();
        else waiting.addLast(connection);
    }

    /** A closed connection leaves its list at once rather than waiting to be found dead by {@link #take}. */
    void forget(Endpoint endpoint, Channel connection) {
        ArrayDeque<Channel> waiting = idle.get().get(endpoint);
        if (waiting != null) waiting.remove(connection);
    }
}
