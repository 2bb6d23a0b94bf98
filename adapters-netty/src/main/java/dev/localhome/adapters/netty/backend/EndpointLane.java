package dev.localhome.adapters.netty.backend;

import io.netty.channel.Channel;
import io.netty.util.concurrent.EventExecutor;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * One event loop's connections to one backend endpoint, and the exchanges of that loop waiting for one. At most
 * {@code cap} connections hold a slot (connecting, serving an exchange, or idle); an exchange that finds no idle
 * connection and no free slot waits, first come first served, for the next connection given back (it gets it at
 * once) or closed (its slot lets it connect). Every method runs on that loop: no locks, no volatile fields.
 *
 * <p>What never starves the queue: an exchange that became a tunnel ({@code 101}) or a response without end
 * ({@code text/event-stream}) gives its slot up at its head ({@link #exempt}); and when a whole stall period passes
 * with waiters and not one connection given back or closed, every exchange already answering (a long stream) gives
 * its slot up, and if that frees none, the first waiter gets one connection beyond the cap (long polls, or a backend
 * slow to answer at all). So a waiter waits for the backend, never for the cap alone.
 */
final class EndpointLane {
    /** Opens a connection for a waiter, holding a slot already; completes on this loop. */
    interface Opener {
        CompletableFuture<Channel> open(Channel client);
    }

    /** One exchange waiting for a connection; {@code fresh}: a retry, which must not take a pooled one. */
    private record Waiter(Channel client, boolean fresh, CompletableFuture<Channel> connection) {
        boolean gone() {
            return connection.isDone() || !client.isActive();
        }
    }

    private final int cap;
    private final int maxIdle;
    private final long stallNanos;
    private final EventExecutor loop;
    private final Opener opener;
    private final ArrayDeque<Channel> idle = new ArrayDeque<>();
    private final ArrayDeque<Waiter> waiters = new ArrayDeque<>();
    private final Set<Channel> holding = new HashSet<>(); // connected, and holding a slot
    private final List<Channel> answering = new ArrayList<>(); // serving an exchange whose final head came
    private int held; // slots taken: holding, plus connections still being opened
    private long progress; // connections given back or closed, ever: a stall check compares it
    private boolean stallCheckDue;

    EndpointLane(int cap, int maxIdle, long stallNanos, EventExecutor loop, Opener opener) {
        this.cap = cap;
        this.maxIdle = maxIdle;
        this.stallNanos = stallNanos;
        this.loop = loop;
        this.opener = opener;
    }

    /** A connection for {@code client}'s exchange, now or in its turn; cancel it to leave the queue. */
    CompletableFuture<Channel> acquire(Channel client, boolean fresh) {
        Waiter waiter = new Waiter(client, fresh, new CompletableFuture<>());
        waiters.addLast(waiter);
        serve();
        return waiter.connection();
    }

    /** Hands {@code connection} back: to the next waiter or the idle list when {@code reusable}, closed otherwise. */
    void giveBack(Channel connection, boolean reusable) {
        progress++;
        answering.remove(connection);
        if (!reusable || !connection.isActive()) {
            connection.close(); // its close frees the slot (closed)
            return;
        }
        if (!holding.contains(connection)) { // exempted while it served a long exchange: back under the cap
            if (held >= cap && waiters.isEmpty()) {
                connection.close();
                return;
            }
            holding.add(connection);
            held++;
        }
        if (waiters.isEmpty() && idle.size() >= maxIdle) connection.close();
        else idle.addLast(connection);
        serve();
    }

    /** The final head of {@code connection}'s exchange came: from here on it streams an answer. */
    void answering(Channel connection) {
        if (holding.contains(connection)) answering.add(connection);
    }

    /** {@code connection} serves an exchange that may never end (a tunnel, an event stream): its slot is free. */
    void exempt(Channel connection) {
        answering.remove(connection);
        if (holding.remove(connection)) {
            held--;
            serve();
        }
    }

    /** {@code connection} closed: it leaves the idle list, and its slot lets a waiter connect. */
    void closed(Channel connection) {
        progress++;
        idle.remove(connection);
        answering.remove(connection);
        if (holding.remove(connection)) held--;
        serve();
    }

    /** Whether nothing is left here: no connection, no waiter (the lane may be dropped). */
    boolean empty() {
        return held == 0 && waiters.isEmpty() && idle.isEmpty();
    }

    private void serve() {
        while (!waiters.isEmpty()) {
            Waiter next = waiters.peekFirst();
            if (next.gone()) {
                waiters.pollFirst().connection().cancel(false);
                continue;
            }
            Channel pooled = next.fresh() ? null : liveIdle();
            if (pooled != null) {
                waiters.pollFirst();
                BackendConnector.serve(pooled, next.client());
                next.connection().complete(pooled);
                continue;
            }
            if (held >= cap && next.fresh() && !idle.isEmpty()) { // a retry wants a new one: an idle one makes room
                Channel spare = idle.pollFirst();
                if (holding.remove(spare)) held--;
                spare.close();
                continue; // its close may have served waiters already
            }
            if (held >= cap) break;
            open(waiters.pollFirst());
        }
        // a loop that shuts down closes every client: no waiter outlives it
        if (!waiters.isEmpty() && !stallCheckDue && !loop.isShuttingDown()) scheduleStallCheck(progress);
    }

    /** The most recently given back idle connection that is still open, or null; a dead one is dropped. */
    private Channel liveIdle() {
        Channel candidate;
        while ((candidate = idle.pollLast()) != null && !candidate.isActive()) {
            if (holding.remove(candidate)) held--; // closing: its close listener has not run yet
        }
        return candidate;
    }

    private void open(Waiter waiter) {
        held++;
        opener.open(waiter.client()).whenComplete((connection, failure) -> {
            if (failure != null) {
                held--;
                waiter.connection().completeExceptionally(failure);
                serve();
                return;
            }
            holding.add(connection);
            if (!waiter.connection().complete(connection)) giveBack(connection, true); // its client left meanwhile
        });
    }

    private void scheduleStallCheck(long progressThen) {
        stallCheckDue = true;
        loop.schedule(() -> {
            stallCheckDue = false;
            if (progress == progressThen) unstall();
            serve();
        }, stallNanos, TimeUnit.NANOSECONDS);
    }

    /** A stall period without a connection given back or closed, and waiters still there. */
    private void unstall() {
        while (!waiters.isEmpty() && waiters.peekFirst().gone()) waiters.pollFirst().connection().cancel(false);
        if (waiters.isEmpty()) return;
        for (Channel streaming : List.copyOf(answering)) {
            answering.remove(streaming);
            if (holding.remove(streaming)) held--;
        }
        if (held >= cap) open(waiters.pollFirst()); // one beyond the cap: the backend holds every slot, answering nothing
    }
}
