package dev.localhome.domain;

import java.util.List;
import java.util.Objects;
import java.util.Collections;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * A named service: every listener that answers to one name, served at the port {@link PortChoice} picks. Several
 * processes with one name are one service.
 */
public record Service(ServiceName name, Endpoint endpoint, SortedSet<Integer> ports, List<ProcessInfo> processes)
        implements ListedService {
    public Service {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(endpoint, "endpoint");
        ports = Collections.unmodifiableSortedSet(new TreeSet<>(ports));
        processes = List.copyOf(processes);
        if (!ports.contains(endpoint.port()))
            throw new IllegalArgumentException("endpoint port %d is not among %s".formatted(endpoint.port(), ports));
    }
}
