package dev.localhome.domain;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A named service: every listener that answers to one name, served at the port {@link PortChoice} picks. Several
 * processes with one name are one service.
 *
 * @param endpoint  where a request for the name alone goes: the chosen port
 * @param ports     every port the service's processes listen on, the chosen one included
 * @param endpoints for each of those ports, the loopback endpoint that reaches it (IPv4 when it listens on both)
 * @param owners    for each port whose process is known, that process's pid: with two processes of one name (two
 *                  terminals that both ran {@code NAME=app}), which one answers
 */
public record Service(ServiceName name, Endpoint endpoint, SortedSet<Integer> ports, List<ProcessInfo> processes,
                      SortedMap<Integer, Endpoint> endpoints, SortedMap<Integer, Long> owners) implements ListedService {
    public Service {
        owners = Collections.unmodifiableSortedMap(new TreeMap<>(owners));
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(endpoint, "endpoint");
        ports = Collections.unmodifiableSortedSet(new TreeSet<>(ports));
        processes = List.copyOf(processes);
        endpoints = Collections.unmodifiableSortedMap(new TreeMap<>(endpoints));
        if (!ports.contains(endpoint.port()))
            throw new IllegalArgumentException("endpoint port %d is not among %s".formatted(endpoint.port(), ports));
        if (!endpoints.keySet().equals(ports))
            throw new IllegalArgumentException("endpoints %s do not match the ports %s".formatted(endpoints, ports));
        endpoints.forEach((port, at) -> {
            if (at.port() != port) throw new IllegalArgumentException("endpoint %s listed for port %d".formatted(at, port));
        });
        if (!endpoints.get(endpoint.port()).equals(endpoint))
            throw new IllegalArgumentException("endpoint %s is not the one listed for its port".formatted(endpoint));
    }

    /** A service whose ports' processes are not told apart. */
    public Service(ServiceName name, Endpoint endpoint, SortedSet<Integer> ports, List<ProcessInfo> processes,
                   SortedMap<Integer, Endpoint> endpoints) {
        this(name, endpoint, ports, processes, endpoints, new TreeMap<>());
    }

    /** A service whose other ports all listen on IPv4 loopback: what a static mapping or a test describes. */
    public Service(ServiceName name, Endpoint endpoint, SortedSet<Integer> ports, List<ProcessInfo> processes) {
        this(name, endpoint, ports, processes, ipv4Except(endpoint, ports));
    }

    private static SortedMap<Integer, Endpoint> ipv4Except(Endpoint endpoint, SortedSet<Integer> ports) {
        SortedMap<Integer, Endpoint> endpoints = new TreeMap<>();
        for (int port : ports) endpoints.put(port, port == endpoint.port() ? endpoint : Endpoint.loopback(port));
        return endpoints;
    }

    /** Where the service listens on {@code port}, if it does. */
    public Optional<Endpoint> endpointAt(int port) {
        return Optional.ofNullable(endpoints.get(port));
    }

    /**
     * This service as a request that names one of its ports sees it: served at {@code port}. Empty when none of its
     * processes listens there, so a name is never a way to reach a port that is not its own.
     */
    public Optional<Service> atPort(int port) {
        return endpointAt(port).map(at -> at.equals(endpoint) ? this
                : new Service(name, at, ports, processes, endpoints, owners));
    }

    /** The ports {@code process} listens on, as far as discovery told them apart. */
    public List<Integer> portsOf(ProcessInfo process) {
        return owners.entrySet().stream().filter(e -> e.getValue() == process.pid()).map(Map.Entry::getKey).toList();
    }

    /** The process that answers a request for the name alone: the one listening on the chosen port, when known. */
    public Optional<ProcessInfo> answering() {
        Long pid = owners.get(endpoint.port());
        return processes.stream().filter(p -> pid != null && p.pid() == pid).findFirst();
    }

    /** Why the chosen port serves the name, in one sentence ({@link PortChoice}). */
    public String portRule() {
        return PortChoice.why(ports, endpoint.port());
    }
}
