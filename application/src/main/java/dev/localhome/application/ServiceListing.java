package dev.localhome.application;

import dev.localhome.application.port.SourceState;
import dev.localhome.application.port.ServiceDirectory;
import dev.localhome.domain.ListedService;
import dev.localhome.domain.Service;
import dev.localhome.domain.ServiceCatalog;
import dev.localhome.domain.ServiceName;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * Use case: list the services running now, and those that stopped lately, for the dashboard, the API and
 * {@code localhome status}; and forget a stopped one.
 */
public final class ServiceListing implements ServiceDirectory {
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

    @Override
    public List<ListedService> listed() {
        return registry.catalog().listed();
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
        return catalogFresherThan(maxAge).thenApply(ServiceCatalog::services);
    }

    /** Running and stopped services no older than {@code maxAge}, as {@link #servicesFresherThan} gets them. */
    @Override
    public CompletionStage<List<ListedService>> listedFresherThan(Duration maxAge) {
        return catalogFresherThan(maxAge).thenApply(ServiceCatalog::listed);
    }

    /** Each discovery source with whether it finds anything now, and why not: for {@code localhome status}. */
    @Override
    public List<SourceState> sources() {
        return registry.sourceStates();
    }

    @Override
    public Watch whenChanged(Runnable changed) {
        return registry.whenServicesChange(changed);
    }

    @Override
    public CompletionStage<Forgetting> forget(ServiceName name) {
        return registry.forget(name);
    }

    private CompletionStage<ServiceCatalog> catalogFresherThan(Duration maxAge) {
        long requested = nanoTime.getAsLong();
        if (requested - freshAsOf.get() < maxAge.toNanos())
            return CompletableFuture.completedFuture(registry.catalog());
        // just after the start, the first scan (fresh, and maybe slow): with its own bound, not the empty snapshot
        CompletableFuture<ServiceCatalog> scan = registry.scanned() ? registry.rescanWithin(SCAN_BOUND) : registry.firstScan();
        return scan.thenApply(catalog -> {
            freshAsOf.accumulateAndGet(requested, (old, now) -> now - old > 0 ? now : old);
            return catalog;
        });
    }
}
