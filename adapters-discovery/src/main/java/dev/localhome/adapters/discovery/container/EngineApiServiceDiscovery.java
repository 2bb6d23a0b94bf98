package dev.localhome.adapters.discovery.container;

import dev.localhome.domain.Listener;
import dev.localhome.domain.port.DiscoveryState;
import dev.localhome.domain.port.ServiceDiscovery;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Containers with {@code NAME} (Docker, Podman), found through the engine's API and kept current by its events
 * stream, without polling: the stream is opened first, then the running containers are listed, then every
 * {@code start} is inspected and every {@code die}, {@code stop} and {@code destroy} drops the container. Each change
 * asks the registry to rescan at once. When the engine goes away the containers are dropped and the watch reconnects
 * with a growing wait (a quarter second to five); {@link #state()} says why nothing is found meanwhile.
 *
 * <p>Everything but {@link #scan()} and {@link #state()} runs on the client's one thread, so the maps need no lock;
 * those two read values published through volatile references.
 */
final class EngineApiServiceDiscovery implements ServiceDiscovery, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(EngineApiServiceDiscovery.class);
    /** {@code localhome scan} and the daemon's first scan wait this long at most for the engine's first answer. */
    static final Duration FIRST_SYNC_BOUND = Duration.ofSeconds(2);
    private static final long[] BACKOFF_MILLIS = {250, 500, 1_000, 2_000, 4_000, 5_000};
    private static final String EVENTS = "/events?filters=" + URLEncoder.encode(
            "{\"type\":[\"container\"],\"event\":[\"start\",\"die\",\"stop\",\"destroy\"]}", StandardCharsets.UTF_8);

    private final Supplier<EngineSocket.Choice> sockets;
    private final ContainerListeners listeners;
    private final EngineApiClient client;
    private final Clock clock;
    private final AtomicBoolean started = new AtomicBoolean();
    private final CompletableFuture<Void> firstSync = new CompletableFuture<>();
    private final AtomicReference<DiscoveryState> state;
    private volatile List<Listener> snapshot = List.of();
    private volatile Runnable changed = () -> {};
    private volatile boolean closed;

    // the client's thread only
    private final Map<String, List<Listener>> byContainer = new TreeMap<>();
    private final Map<String, Long> latestEvent = new HashMap<>();
    private EngineApiClient.Stream events;
    private DiscoveryState whyNotOpened; // the last stream's failure to open, said once it has ended
    private long epoch; // one per connection to the engine: answers to an older one are dropped
    private long sequence;
    private int failures;

    EngineApiServiceDiscovery(Supplier<EngineSocket.Choice> sockets, ContainerNaming naming, ContainerRoutes routes, Clock clock) {
        this.sockets = sockets;
        this.listeners = new ContainerListeners(naming, routes);
        this.clock = clock;
        this.state = new AtomicReference<>(new DiscoveryState.Paused(EngineTrouble.NOT_CONNECTED_YET, clock.instant()));
        this.client = new EngineApiClient(runnable -> {
            Thread thread = new Thread(runnable, "localhome-containers");
            thread.setDaemon(true);
            return thread;
        });
    }

    @Override
    public String sourceName() {
        return "containers";
    }

    /** The containers found so far; the first call starts the watch and waits for the engine's first answer. */
    @Override
    public List<Listener> scan() throws IOException {
        start();
        try {
            firstSync.get(FIRST_SYNC_BOUND.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            log.debug("the container engine has not answered within {}; containers will follow", FIRST_SYNC_BOUND);
        } catch (ExecutionException e) {
            throw new IOException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return snapshot;
    }

    @Override
    public DiscoveryState state() {
        return state.get();
    }

    @Override
    public void whenChanged(Runnable rescan) {
        changed = rescan;
        start();
    }

    private void start() {
        if (started.compareAndSet(false, true)) client.execute(this::watch);
    }

    /** Finds the socket, opens the events stream, then lists; on the client's thread. */
    private void watch() {
        if (closed) return;
        EngineSocket.Choice socket = sockets.get();
        if (socket instanceof EngineSocket.None none) {
            stopped(new DiscoveryState.Off(none.reason()));
            return;
        }
        Path path = ((EngineSocket.At) socket).path();
        if (!Files.isReadable(path) || !Files.isWritable(path)) {
            stopped(new DiscoveryState.Off(EngineTrouble.permissionDenied(path)));
            return;
        }
        long mine = ++epoch;
        EngineApiClient.Stream stream = client.stream(path, EVENTS, json -> onEvent(mine, path, json));
        events = stream;
        stream.opened().whenComplete((opened, failure) -> client.execute(() -> {
            if (mine != epoch) return;
            if (failure == null) listRunning(mine, path);
            else whyNotOpened = EngineTrouble.of(failure, path, clock.instant());
        }));
        stream.ended().thenRun(() -> client.execute(() -> {
            if (mine != epoch || closed) return;
            DiscoveryState now = state.get();
            if (now instanceof DiscoveryState.Active)
                stopped(EngineTrouble.stoppedAnswering(path, clock.instant()));
            else stopped(whyNotOpened != null ? whyNotOpened : now);
            whyNotOpened = null;
        }));
    }

    /** Lists the running containers and inspects each, as if each had just started. */
    private void listRunning(long mine, Path path) {
        CompletableFuture<String> engine = client.get(path, "/version").thenApply(response -> {
            try {
                return response.ok() ? EngineJson.engine(response.body()) : "an engine";
            } catch (IOException e) {
                return "an engine";
            }
        }).exceptionally(failure -> "an engine");
        client.get(path, "/containers/json").thenCombine(engine, (response, name) -> {
            if (!response.ok()) throw new IllegalStateException("the engine answered " + response.status() + " to the container list");
            try {
                return Map.entry(EngineJson.containerIds(response.body()), name);
            } catch (IOException e) {
                throw new IllegalStateException("the container list is not JSON: " + e.getMessage(), e);
            }
        }).whenComplete((listed, failure) -> client.execute(() -> {
            if (mine != epoch) return;
            if (failure != null) {
                log.debug("listing containers failed: {}", failure.toString());
                state.set(new DiscoveryState.Paused("the engine at %s did not list its containers: %s"
                        .formatted(path, failure.getMessage()), clock.instant()));
                events.close(); // ends the stream: the watch starts over
                return;
            }
            boolean wasActive = state.get() instanceof DiscoveryState.Active;
            state.set(new DiscoveryState.Active("%s at %s".formatted(listed.getValue(), path)));
            if (!wasActive) log.info("container discovery: watching {} at {}", listed.getValue(), path);
            failures = 0;
            byContainer.clear();
            latestEvent.clear();
            List<CompletableFuture<Void>> inspections = new ArrayList<>();
            for (String id : listed.getKey()) inspections.add(inspect(mine, path, id, ++sequence));
            CompletableFuture.allOf(inspections.toArray(CompletableFuture[]::new))
                    .whenComplete((done, ignored) -> client.execute(() -> {
                        publish();
                        firstSync.complete(null);
                    }));
        }));
    }

    private void onEvent(long mine, Path path, byte[] json) {
        if (mine != epoch) return;
        Optional<EngineJson.Event> event;
        try {
            event = EngineJson.event(json);
        } catch (IOException e) {
            log.debug("an event that is not JSON was skipped: {}", e.getMessage());
            return;
        }
        if (event.isEmpty()) return;
        String id = event.get().containerId();
        long seq = ++sequence;
        latestEvent.put(id, seq);
        if (event.get().isStart()) inspect(mine, path, id, seq);
        else if (byContainer.remove(id) != null) publish();
    }

    /** Inspects one container and records what it serves, unless a later event about it came first. */
    private CompletableFuture<Void> inspect(long mine, Path path, String id, long seq) {
        latestEvent.put(id, seq);
        CompletableFuture<Void> done = new CompletableFuture<>();
        client.get(path, "/containers/" + id + "/json").whenComplete((response, failure) -> client.execute(() -> {
            try {
                if (mine != epoch || latestEvent.getOrDefault(id, seq) != seq) return;
                if (failure != null || !response.ok()) {
                    log.debug("inspecting container {} failed: {}", id,
                            failure != null ? failure.toString() : "status " + response.status());
                    return;
                }
                List<Listener> found = listeners.of(EngineJson.container(response.body()));
                boolean differs = found.isEmpty() ? byContainer.remove(id) != null
                        : !found.equals(byContainer.put(id, found));
                if (differs && firstSync.isDone()) publish();
            } catch (IOException | RuntimeException e) {
                log.debug("container {} could not be read: {}", id, e.toString());
            } finally {
                done.complete(null);
            }
        }));
        return done;
    }

    private void publish() {
        List<Listener> all = new ArrayList<>();
        byContainer.values().forEach(all::addAll);
        snapshot = List.copyOf(all);
        changed.run();
    }

    /** Nothing to watch now: drops what was found, says why (once per reason), and tries again later. */
    private void stopped(DiscoveryState why) {
        DiscoveryState before = state.get();
        DiscoveryState now = EngineTrouble.after(before, why);
        if (now != before) {
            state.set(now);
            log.info("container discovery {}: {}", now.word(), now.sentence());
        }
        epoch++;
        latestEvent.clear();
        firstSync.complete(null);
        if (!byContainer.isEmpty()) {
            byContainer.clear();
            publish();
        }
        long wait = BACKOFF_MILLIS[Math.min(failures++, BACKOFF_MILLIS.length - 1)];
        client.schedule(this::watch, wait);
    }

    @Override
    public void close() {
        closed = true;
        client.execute(() -> {
            if (events != null) events.close();
        });
        client.close();
    }

    @Override
    public String toString() {
        return "EngineApiServiceDiscovery[" + state.get().word() + "]";
    }
}
