package dev.localhome.application;

import dev.localhome.domain.Service;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/** Use case: list the services running now, for the dashboard, the API and {@code localhome scan}. */
public final class ServiceListing {
    /** A live dashboard waits this long at most for a scan; then it gets the snapshot there is. */
    static final Duration SCAN_BOUND = Duration.ofSeconds(1);

    private final ServiceRegistry registry;
    private final LongSupplier nanoTime;
    /** When the newest scan this listing asked for was requested: its result is at least that fresh. */
    private final AtomicLong freshAsOf;

    public ServiceListing(ServiceRegistry registry) {
        this(registry, System::nanoTime);
    }

    ServiceListing(ServiceRegistry registry, LongSupplier nanoTime) {
        this.registry = registry;
        this.nanoTime = nanoTime;
        this.freshAsOf = new AtomicLong(nanoTime.getAsLong() - Duration.ofDays(1).toNanos());
    }

    /** The latest snapshot; never blocks. */
    public List<Service> services() {
        return registry.catalog().services();
    }

    /**
     * Services no older than {@code maxAge}: the snapshot when a scan asked for here is that recent, else a rescan
     * (shared with concurrent callers, at most one per {@link ServiceRegistry#MIN_SCAN_GAP}, bounded by
     * {@link #SCAN_BOUND}). The registry refreshes every few seconds on its own; a live dashboard polling through
     * this sees a server start or stop within about {@code maxAge} plus its poll interval.
     *
     * <p>The stage may complete on the discovery thread: callers on an event loop hop back before acting.
     */
    public CompletionStage<List<Service>> servicesFresherThan(Duration maxAge) {
        long requested = nanoTime.getAsLong();
        if (requested - freshAsOf.get() < maxAge.toNanos())
            return CompletableFuture.completedFuture(services());
        return registry.rescanWithin(SCAN_BOUND).thenApply(catalog -> {
            freshAsOf.accumulateAndGet(requested, (old, now) -> now - old > 0 ? now : old);
            return catalog.services();
        });
    }
}
