package dev.localhome.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The services that stopped in the last {@link #RETENTION}, by name: an immutable memory that each scan replaces
 * with its successor. Bounded in time, and so in size: a name is kept for a day at most, and once per name.
 */
public final class StoppedServices {
    /** How long a stopped service stays listed: long enough to come back to after lunch, not forever. */
    public static final Duration RETENTION = Duration.ofDays(1);
    private static final StoppedServices NONE = new StoppedServices(new TreeMap<>());

    private final SortedMap<ServiceName, StoppedService> byName;

    private StoppedServices(SortedMap<ServiceName, StoppedService> byName) {
        this.byName = Collections.unmodifiableSortedMap(byName);
    }

    public static StoppedServices none() {
        return NONE;
    }

    /**
     * The memory after a scan at {@code now}: what {@code before} (scanned at {@code beforeScannedAt}) ran and
     * {@code after} lacks has stopped, last seen at {@code beforeScannedAt}; a stopped name that {@code after} runs
     * is running again; and what stopped more than {@link #RETENTION} before {@code now} is forgotten.
     */
    public StoppedServices after(ServiceCatalog before, Instant beforeScannedAt, ServiceCatalog after, Instant now) {
        SortedMap<ServiceName, StoppedService> next = new TreeMap<>(byName);
        for (Service gone : before.services())
            if (!after.contains(gone.name())) next.put(gone.name(), StoppedService.of(gone, beforeScannedAt));
        next.keySet().removeIf(after::knows);
        Instant oldest = now.minus(RETENTION);
        next.values().removeIf(stopped -> stopped.lastSeen().isBefore(oldest));
        return next.equals(byName) ? this : new StoppedServices(next);
    }

    /** The memory without {@code name}: {@code localhome forget NAME}. */
    public StoppedServices forget(ServiceName name) {
        if (!byName.containsKey(name)) return this;
        SortedMap<ServiceName, StoppedService> next = new TreeMap<>(byName);
        next.remove(name);
        return new StoppedServices(next);
    }

    public Optional<StoppedService> find(ServiceName name) {
        return Optional.ofNullable(byName.get(name));
    }

    /** All of them, sorted by name. */
    public List<StoppedService> all() {
        return List.copyOf(byName.values());
    }

    public boolean isEmpty() {
        return byName.isEmpty();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof StoppedServices stopped && stopped.byName.equals(byName);
    }

    @Override
    public int hashCode() {
        return byName.hashCode();
    }

    @Override
    public String toString() {
        return "stopped" + byName.values();
    }
}
