package dev.localhome.application.port;

import dev.localhome.domain.ListedService;
import dev.localhome.domain.ServiceName;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * Inbound: the services running now and those that stopped lately, for the dashboard and the API; and forgetting a
 * stopped one. The stages may complete on the discovery thread: callers on an event loop hop back before acting.
 */
public interface ServiceDirectory {
    /** What forgetting a name did. */
    enum Forgetting {
        /** The name was a stopped service, and is no more: the next request for it gets the unknown-name page. */
        FORGOTTEN,
        /** The name runs now: there is nothing to forget. */
        RUNNING,
        /** No service of that name ran lately. */
        UNKNOWN
    }

    /** A watch on the services: {@link #close} ends it. */
    interface Watch extends AutoCloseable {
        @Override
        void close();
    }

    /** The latest snapshot's running and stopped services, by name; never blocks. */
    List<ListedService> listed();

    /** Running and stopped services no older than {@code maxAge}: the snapshot, or a bounded rescan. */
    CompletionStage<List<ListedService>> listedFresherThan(Duration maxAge);

    /**
     * Calls {@code changed} after each scan that found the services changed (one started, stopped, moved, was
     * forgotten), and never otherwise: a live page waits for this instead of asking again and again. Runs on the
     * discovery thread: {@code changed} must hand its work to a thread of its own.
     */
    Watch whenChanged(Runnable changed);

    /** Forgets a stopped service now rather than a day after it stopped. */
    CompletionStage<Forgetting> forget(ServiceName name);

    /** Each discovery source with whether it finds anything now, and why not: for {@code localhome status}. */
    List<SourceState> sources();
}
