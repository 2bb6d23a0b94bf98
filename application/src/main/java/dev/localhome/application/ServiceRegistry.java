package dev.localhome.application;

import dev.localhome.application.port.SourceState;
import dev.localhome.application.port.ServiceDirectory;
import dev.localhome.application.port.ServiceDirectory.Forgetting;
import dev.localhome.domain.Listener;
import dev.localhome.domain.Self;
import dev.localhome.domain.ProcessInfo;
import dev.localhome.domain.Service;
import dev.localhome.domain.ServiceCatalog;
import dev.localhome.domain.ServiceName;
import dev.localhome.domain.port.DiscoveryState;
import dev.localhome.domain.port.ServiceDiscovery;
import dev.localhome.domain.StoppedServices;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The services running now: a snapshot that a background thread refreshes every few seconds, and rescans at once
 * when a request names a service it does not know. Concurrent misses share one scan, and scans start at most every
 * {@link #MIN_SCAN_GAP}, so a burst of requests for unknown names costs one scan, not a scan each.
 *
 * <p>Scans run on the registry's own thread, never on an event loop: reading {@code /proc} can take milliseconds.
 */
public final class ServiceRegistry implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ServiceRegistry.class);
    static final Duration REFRESH_INTERVAL = Duration.ofSeconds(5);
    static final Duration MIN_SCAN_GAP = Duration.ofMillis(250);
    static final Duration FIRST_SCAN_BOUND = Duration.ofSeconds(10);

    private final List<ServiceDiscovery> sources;
    private final Self self;
    private final LongSupplier nanoTime;
    private final Clock clock;
    private final ScheduledExecutorService scanner = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "localhome-discovery");
        thread.setDaemon(true);
        return thread;
    });
    private final AtomicReference<ServiceCatalog> current = new AtomicReference<>(ServiceCatalog.empty());
    private final List<Consumer<ServiceName>> appearanceWatchers = new CopyOnWriteArrayList<>();
    private final List<Runnable> changeWatchers = new CopyOnWriteArrayList<>();
    private final Object lock = new Object();
    private CompletableFuture<ServiceCatalog> pendingScan; // guarded by lock: the scan the next miss will share
    private long lastScanStartNanos; // guarded by lock
    private boolean scannedOnce; // guarded by lock
    private Instant lastScanAt; // discovery thread only: when the scan behind the current snapshot ran
    /** Done once a scan has ended: until then the empty snapshot means "not looked yet", not "nothing runs". */
    private final CompletableFuture<ServiceCatalog> firstScan = new CompletableFuture<>();
    private volatile boolean started;

    /** A registry that cannot recognise the daemon among what it finds: for tests of discovery alone. */
    public ServiceRegistry(List<ServiceDiscovery> sources) {
        this(sources, Self.detached("none"));
    }

    /** Leaves {@code self} out of every snapshot: its own sockets, and whatever points at its endpoints. */
    public ServiceRegistry(List<ServiceDiscovery> sources, Self self) {
        this(sources, self, System::nanoTime, Clock.systemUTC());
    }

    /** With the clock that dates when a service was last seen, and forgets it {@link StoppedServices#RETENTION} later. */
    ServiceRegistry(List<ServiceDiscovery> sources, Self self, LongSupplier nanoTime, Clock clock) {
        this.sources = List.copyOf(sources);
        this.self = self;
        this.nanoTime = nanoTime;
        this.clock = clock;
    }

    /**
     * Scans once now, so the daemon starts knowing what runs, then keeps the snapshot fresh in the background; a
     * source that hears of changes itself (a container engine's events) triggers a scan at once.
     */
    public void start() {
        startInBackground().join();
    }

    /**
     * Starts as {@link #start} does, without waiting for the first scan: the daemon binds and says it listens
     * meanwhile. Until that scan ends, {@link #scanned()} is false, and whoever decides from the snapshot waits for
     * it ({@link #firstScan()}) instead of taking the empty one for "nothing runs".
     *
     * @return the first scan
     */
    public CompletableFuture<ServiceCatalog> startInBackground() {
        for (ServiceDiscovery source : sources) source.whenChanged(this::rescan);
        started = true;
        CompletableFuture<ServiceCatalog> first = rescan();
        long interval = REFRESH_INTERVAL.toMillis();
        scanner.scheduleWithFixedDelay(this::rescan, interval, interval, TimeUnit.MILLISECONDS);
        return first;
    }

    /** Whether a scan has ended, so that {@link #catalog()} says what runs; never blocks. */
    public boolean scanned() {
        return firstScan.isDone();
    }

    /**
     * The snapshot once a scan has ended: the first scan {@link #startInBackground} began, or, on a registry that was
     * not started, a scan now. A start used to wait for the first scan before listening, without a bound; a request
     * that arrives before it ends now waits in the start's place, up to {@link #FIRST_SCAN_BOUND}, then gets whatever
     * there is: a start never hangs a request.
     */
    public CompletableFuture<ServiceCatalog> firstScan() {
        CompletableFuture<ServiceCatalog> scan = started ? firstScan.copy() : rescan().copy();
        return scan.orTimeout(FIRST_SCAN_BOUND.toMillis(), TimeUnit.MILLISECONDS).exceptionally(late -> catalog());
    }

    /**
     * Calls {@code watcher} with each service name that a scan finds and the snapshot before it lacked, the first
     * scan's included: the hook for work that should be done before a name's first request, not during it. Runs on
     * the discovery thread, so the watcher must hand anything slow to a thread of its own.
     */
    public void whenServiceAppears(Consumer<ServiceName> watcher) {
        appearanceWatchers.add(watcher);
    }

    /**
     * Calls {@code watcher} after each scan or {@link #forget} whose list of running and stopped services differs
     * from the one before it; closing the result ends that. Runs on the discovery thread: the watcher must hand
     * anything slow to a thread of its own.
     */
    public ServiceDirectory.Watch whenServicesChange(Runnable watcher) {
        changeWatchers.add(watcher);
        return () -> changeWatchers.remove(watcher);
    }

    /** Each source by name, with whether it finds anything now and why not; never blocks. */
    public List<SourceState> sourceStates() {
        List<SourceState> states = new ArrayList<>(sources.size());
        for (ServiceDiscovery source : sources) {
            try {
                states.add(new SourceState(source.sourceName(), source.state()));
            } catch (RuntimeException e) {
                states.add(new SourceState(source.sourceName(), new DiscoveryState.Off("cannot tell: " + e)));
            }
        }
        return List.copyOf(states);
    }

    /** The latest snapshot; never blocks. */
    public ServiceCatalog catalog() {
        return current.get();
    }

    /** A fresh snapshot: joins the scan that is about to start, or starts one (no sooner than the minimum gap). */
    public CompletableFuture<ServiceCatalog> rescan() {
        synchronized (lock) {
            if (pendingScan != null) return pendingScan;
            CompletableFuture<ServiceCatalog> scan = new CompletableFuture<>();
            pendingScan = scan;
            long wait = scannedOnce ? Math.max(0, lastScanStartNanos + MIN_SCAN_GAP.toNanos() - nanoTime.getAsLong()) : 0;
            scanner.schedule(this::runPendingScan, wait, TimeUnit.NANOSECONDS);
            return scan;
        }
    }

    /**
     * A fresh snapshot within {@code bound}, or the current one when the scan takes longer: a request waits for
     * discovery, but never for long.
     */
    public CompletableFuture<ServiceCatalog> rescanWithin(Duration bound) {
        return rescan().copy().completeOnTimeout(catalog(), bound.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void runPendingScan() {
        CompletableFuture<ServiceCatalog> scan;
        synchronized (lock) {
            scan = pendingScan;
            // Cleared before scanning: a miss that arrives during this scan may name a server that started after
            // we read the socket tables, so it must get a scan of its own.
            pendingScan = null;
            lastScanStartNanos = nanoTime.getAsLong();
            scannedOnce = true;
        }
        try {
            Instant now = clock.instant();
            ServiceCatalog before = current.get();
            ServiceCatalog found = ServiceCatalog.of(scanAllSources(), self);
            // only this thread sets the snapshot (scans and forget both run here): get, then set, loses nothing
            ServiceCatalog fresh = found.withStopped(before.stopped()
                    .after(before, lastScanAt == null ? now : lastScanAt, found, now));
            current.set(fresh);
            lastScanAt = now;
            announceChanges(before, fresh);
            if (!before.listed().equals(fresh.listed())) tellChangeWatchers();
            firstScan.complete(fresh);
            scan.complete(fresh);
        } catch (RuntimeException | Error e) {
            log.warn("service discovery failed; keeping the previous snapshot", e);
            firstScan.complete(current.get());
            scan.complete(current.get());
        }
    }

    private List<Listener> scanAllSources() {
        List<Listener> all = new ArrayList<>();
        for (ServiceDiscovery source : sources) {
            try {
                all.addAll(source.scan());
            } catch (Exception e) {
                // A broken source (a plugin, say) must not hide the services the others found.
                log.warn("discovery source '{}' failed: {}", source.sourceName(), e.toString());
            }
        }
        return all;
    }

    private static List<Long> pids(Service service) {
        return service.processes().stream().map(ProcessInfo::pid).sorted().toList();
    }

    /** "pid 12 on 3000, pid 34 on 3001": two terminals that both ran NAME=app, told apart. */
    private static String processesAndPorts(Service service) {
        return service.processes().stream().map(p -> "pid " + p.pid() + " on " + service.portsOf(p).stream()
                .map(String::valueOf).collect(Collectors.joining(", ")))
                .collect(Collectors.joining("; "));
    }

    private void announceChanges(ServiceCatalog before, ServiceCatalog after) {
        for (Service service : after.services()) {
            Service old = before.find(service.name()).orElse(null);
            if (old == null) {
                log.info("service '{}' is up at {}", service.name(), service.endpoint());
                tellWatchers(service.name());
            }
            else if (!old.endpoint().equals(service.endpoint()))
                log.info("service '{}' moved from {} to {}", service.name(), old.endpoint(), service.endpoint());
            if (service.processes().size() > 1 && (old == null || !pids(old).equals(pids(service))
                    || !old.endpoint().equals(service.endpoint())))
                log.warn("service '{}' runs in {} processes ({}): requests go to {}, because {}", service.name(),
                        service.processes().size(), processesAndPorts(service), service.answering()
                                .map(p -> "pid " + p.pid() + " at " + service.endpoint()).orElse(service.endpoint().toString()),
                        service.portRule());
        }
        for (Service service : before.services()) {
            if (!after.contains(service.name())) log.info("service '{}' stopped", service.name());
        }
        for (ServiceName name : after.namesPointingAtDaemon()) {
            if (before.pointsAtDaemon(name).isEmpty())
                log.warn("'{}' is at {}, where localhome itself listens: it is no service, and requests for it "
                        + "answer 508 Loop Detected", name, after.pointsAtDaemon(name).orElseThrow());
        }
    }

    private void tellChangeWatchers() {
        for (Runnable watcher : changeWatchers) {
            try {
                watcher.run();
            } catch (RuntimeException e) {
                log.warn("telling of changed services failed: {}", e.toString());
            }
        }
    }

    private void tellWatchers(ServiceName name) {
        for (Consumer<ServiceName> watcher : appearanceWatchers) {
            try {
                watcher.accept(name);
            } catch (RuntimeException e) {
                log.warn("preparing for service '{}' failed: {}", name, e.toString());
            }
        }
    }

    /**
     * Forgets the stopped service {@code name} before its day is up ({@code localhome forget NAME}). Rescans first,
     * so a server stopped a moment ago counts as stopped; runs on the discovery thread, as scans do.
     */
    public CompletableFuture<Forgetting> forget(ServiceName name) {
        return rescan().thenApplyAsync(scanned -> {
            ServiceCatalog now = current.get();
            if (now.contains(name)) return Forgetting.RUNNING;
            if (now.stopped().find(name).isEmpty()) return Forgetting.UNKNOWN;
            current.set(now.withStopped(now.stopped().forget(name)));
            log.info("forgot the stopped service '{}'", name);
            tellChangeWatchers();
            return Forgetting.FORGOTTEN;
        }, scanner);
    }

    /** Stops scanning, and stops the sources that hold resources of their own (a connection to an engine). */
    @Override
    public void close() {
        scanner.shutdownNow();
        for (ServiceDiscovery source : sources) {
            if (source instanceof AutoCloseable closeable) {
                try {
                    closeable.close();
                } catch (Exception e) {
                    log.debug("closing discovery source '{}' failed: {}", source.sourceName(), e.toString());
                }
            }
        }
    }
}
