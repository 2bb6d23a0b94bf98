package dev.localhome.domain;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * An immutable snapshot of the services running now, by name; of the names that point back at the daemon itself,
 * which are never services to forward to; and of the services that stopped lately, which are not running.
 */
public final class ServiceCatalog {
    private static final ServiceCatalog EMPTY = new ServiceCatalog(new TreeMap<>(), new TreeMap<>(), StoppedServices.none());
    /** No process and no endpoint: a catalog built without knowing the daemon leaves nothing out. */
    private static final Self NOBODY = Self.detached("none");

    private final SortedMap<ServiceName, Service> byName;
    private final SortedMap<ServiceName, Endpoint> pointingAtDaemon;
    private final StoppedServices stopped;

    private ServiceCatalog(SortedMap<ServiceName, Service> byName, SortedMap<ServiceName, Endpoint> pointingAtDaemon,
                           StoppedServices stopped) {
        this.byName = Collections.unmodifiableSortedMap(byName);
        this.pointingAtDaemon = Collections.unmodifiableSortedMap(pointingAtDaemon);
        this.stopped = stopped;
    }

    public static ServiceCatalog empty() {
        return EMPTY;
    }

    /** Groups listeners by name and picks each service's port. */
    public static ServiceCatalog of(Collection<Listener> listeners) {
        return of(listeners, NOBODY);
    }

    /**
     * Groups listeners by name and picks each service's port, leaving the daemon out: its own sockets (a daemon
     * started with {@code NAME=x} is found by the process scan like any server) are dropped, and a listener at one of
     * its endpoints (a static mapping, a plugin's result) makes its name point at the daemon unless another listener
     * serves that name.
     */
    public static ServiceCatalog of(Collection<Listener> listeners, Self self) {
        Map<ServiceName, List<Listener>> grouped = new TreeMap<>();
        SortedMap<ServiceName, Endpoint> loops = new TreeMap<>();
        for (Listener listener : listeners) {
            if (self.owns(listener)) continue;
            if (self.listensOn(listener.endpoint())) loops.putIfAbsent(listener.name(), listener.endpoint());
            else grouped.computeIfAbsent(listener.name(), n -> new ArrayList<>()).add(listener);
        }
        SortedMap<ServiceName, Service> services = new TreeMap<>();
        grouped.forEach((name, group) -> services.put(name, serviceOf(name, group)));
        loops.keySet().removeAll(services.keySet());
        return new ServiceCatalog(services, loops, StoppedServices.none());
    }

    /** The same running services, with {@code stopped} as the ones that stopped lately. */
    public ServiceCatalog withStopped(StoppedServices stopped) {
        return stopped.equals(this.stopped) ? this : new ServiceCatalog(byName, pointingAtDaemon, stopped);
    }

    /** The services that stopped lately; none of them runs now. */
    public StoppedServices stopped() {
        return stopped;
    }

    /** Running and stopped services together, sorted by name: what the dashboard and the API list. */
    public List<ListedService> listed() {
        List<ListedService> all = new ArrayList<>(byName.values());
        all.addAll(stopped.all());
        all.sort(Comparator.comparing(ListedService::name));
        return List.copyOf(all);
    }

    private static Service serviceOf(ServiceName name, List<Listener> group) {
        TreeSet<Integer> ports = new TreeSet<>();
        Set<ProcessInfo> processes = new LinkedHashSet<>();
        for (Listener listener : group) {
            ports.add(listener.endpoint().port());
            listener.process().ifPresent(processes::add);
        }
        // Prefer IPv4 loopback when a port listens on both families: every client can reach it.
        SortedMap<Integer, Endpoint> endpoints = new TreeMap<>();
        for (Listener listener : group) {
            Endpoint at = listener.endpoint();
            endpoints.merge(at.port(), at, (first, other) -> other.equals(Endpoint.loopback(at.port())) ? other : first);
        }
        SortedMap<Integer, Long> owners = new TreeMap<>();
        for (Listener listener : group)
            listener.process().ifPresent(process -> owners.putIfAbsent(listener.endpoint().port(), process.pid()));
        int chosen = PortChoice.choose(ports);
        return new Service(name, endpoints.get(chosen), ports, new ArrayList<>(processes), endpoints, owners);
    }

    public Optional<Service> find(ServiceName name) {
        return Optional.ofNullable(byName.get(name));
    }

    public boolean contains(ServiceName name) {
        return byName.containsKey(name);
    }

    /** The daemon's own endpoint that {@code name} was found at, when forwarding to it would loop. */
    public Optional<Endpoint> pointsAtDaemon(ServiceName name) {
        return Optional.ofNullable(pointingAtDaemon.get(name));
    }

    /** Names found only at the daemon's own endpoints, sorted. */
    public List<ServiceName> namesPointingAtDaemon() {
        return List.copyOf(pointingAtDaemon.keySet());
    }

    /**
     * Whether a scan found {@code name} at all: as a service, pointing at the daemon, or lately stopped (so that
     * {@code a.app.localhost} for a stopped {@code app} gets the page that says it stopped, as {@code app.localhost}
     * does).
     */
    public boolean knows(ServiceName name) {
        return byName.containsKey(name) || pointingAtDaemon.containsKey(name) || stopped().find(name).isPresent();
    }

    /** All services, sorted by name. */
    public List<Service> services() {
        return List.copyOf(byName.values());
    }

    public List<ServiceName> names() {
        return List.copyOf(byName.keySet());
    }

    public int size() {
        return byName.size();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ServiceCatalog catalog && catalog.byName.equals(byName)
                && catalog.pointingAtDaemon.equals(pointingAtDaemon) && catalog.stopped.equals(stopped);
    }

    @Override
    public int hashCode() {
        return (byName.hashCode() * 31 + pointingAtDaemon.hashCode()) * 31 + stopped.hashCode();
    }

    @Override
    public String toString() {
        return "ServiceCatalog" + byName.values() + (pointingAtDaemon.isEmpty() ? "" : " pointing at the daemon: " + pointingAtDaemon)
                + (stopped.isEmpty() ? "" : " " + stopped);
    }
}
