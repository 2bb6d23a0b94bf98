package dev.localhome.domain;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

/** An immutable snapshot of the services running now, by name. */
public final class ServiceCatalog {
    private static final ServiceCatalog EMPTY = new ServiceCatalog(new TreeMap<>());

    private final SortedMap<ServiceName, Service> byName;

    private ServiceCatalog(SortedMap<ServiceName, Service> byName) {
        this.byName = Collections.unmodifiableSortedMap(byName);
    }

    public static ServiceCatalog empty() {
        return EMPTY;
    }

    /** Groups listeners by name and picks each service's port. */
    public static ServiceCatalog of(Collection<Listener> listeners) {
        Map<ServiceName, List<Listener>> grouped = new TreeMap<>();
        for (Listener listener : listeners) grouped.computeIfAbsent(listener.name(), n -> new ArrayList<>()).add(listener);
        SortedMap<ServiceName, Service> services = new TreeMap<>();
        grouped.forEach((name, group) -> services.put(name, serviceOf(name, group)));
        return new ServiceCatalog(services);
    }

    private static Service serviceOf(ServiceName name, List<Listener> group) {
        TreeSet<Integer> ports = new TreeSet<>();
        Set<ProcessInfo> processes = new LinkedHashSet<>();
        for (Listener listener : group) {
            ports.add(listener.endpoint().port());
            listener.process().ifPresent(processes::add);
        }
        int chosen = PortChoice.choose(ports);
        // Prefer IPv4 loopback when the chosen port listens on both families: every client can reach it.
        List<Endpoint> candidates = group.stream().map(Listener::endpoint).filter(e -> e.port() == chosen).toList();
        Endpoint endpoint = candidates.contains(Endpoint.loopback(chosen)) ? Endpoint.loopback(chosen) : candidates.get(0);
        return new Service(name, endpoint, ports, new ArrayList<>(processes));
    }

    public Optional<Service> find(ServiceName name) {
        return Optional.ofNullable(byName.get(name));
    }

    public boolean contains(ServiceName name) {
        return byName.containsKey(name);
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
        return other instanceof ServiceCatalog catalog && catalog.byName.equals(byName);
    }

    @Override
    public int hashCode() {
        return byName.hashCode();
    }

    @Override
    public String toString() {
        return "ServiceCatalog" + byName.values();
    }
}
