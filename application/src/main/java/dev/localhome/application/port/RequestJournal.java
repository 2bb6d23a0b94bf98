package dev.localhome.application.port;

import dev.localhome.domain.inspect.Exchange;
import java.util.List;
import java.util.function.Consumer;

/**
 * Inbound: the request inspector's record. The transport writes each exchange's snapshots as it forwards, and its
 * pages ({@code /api/requests}, the event stream) read them back. Called from every event loop: never blocks.
 */
public interface RequestJournal {
    /** How many exchanges of each service are kept, and the most one {@link #recent} asks for. */
    int PER_SERVICE = 1_000;
    /** {@link #append}'s answer for an exchange that was not kept. */
    long NOT_KEPT = -1;

    /** A live listener's registration: {@link #close} ends it. */
    interface Subscription extends AutoCloseable {
        @Override
        void close();
    }

    /** Whether the proxy records exchanges: off, it builds no snapshot at all. */
    boolean recording();

    /** Whether request and response headers are recorded. */
    boolean recordsHeaders();

    /**
     * {@code target} (a request target, or a URL a header carries) as the record keeps it: the values of query
     * parameters whose names say they are secrets replaced, the keys kept.
     */
    String recorded(String target);

    /** A fresh exchange id: increasing, unique for the daemon's lifetime. */
    long nextId();

    /** Records a newly started exchange and tells the listeners; returns its place for {@link #replace}, or {@link #NOT_KEPT}. */
    long append(Exchange exchange);

    /** Records a later snapshot of the exchange {@link #append} put at {@code place}, and tells the listeners. */
    void replace(long place, Exchange before, Exchange after);

    /** The last {@code n} exchanges of {@code service}, oldest first. */
    List<Exchange> recent(String service, int n);

    /** The last {@code n} exchanges of every service, oldest first. */
    List<Exchange> recent(int n);

    /** Tells {@code listener} every snapshot recorded from now on, on the recording thread (hand off, never throw). */
    Subscription subscribe(Consumer<Exchange> listener);

    /** Whether anyone listens now. */
    boolean hasListeners();
}
