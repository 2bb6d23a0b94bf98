package dev.localhome.domain;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A service that a scan found and a later scan did not: kept for a while, so a request for it is told that it
 * stopped, when, and what ran it, instead of being told that no such name ever existed.
 *
 * @param lastSeen     when the last scan that still found it ran
 * @param lastEndpoint where it answered then
 * @param processes    what ran it, as that scan saw them (command line and directory; never the environment)
 */
public record StoppedService(ServiceName name, Instant lastSeen, Endpoint lastEndpoint, List<ProcessInfo> processes)
        implements ListedService {
    public StoppedService {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(lastSeen, "lastSeen");
        Objects.requireNonNull(lastEndpoint, "lastEndpoint");
        processes = List.copyOf(processes);
    }

    /** {@code service}, gone since {@code lastSeen}. */
    public static StoppedService of(Service service, Instant lastSeen) {
        return new StoppedService(service.name(), lastSeen, service.endpoint(), service.processes());
    }

    /** The command line of its first process, or empty when the platform did not tell. */
    public String command() {
        return processes.isEmpty() ? "" : processes.get(0).command();
    }

    /** The container its first process ran in, when it was a container's. */
    public Optional<Container> container() {
        return processes.isEmpty() ? Optional.empty() : processes.get(0).container();
    }

    /** The working directory of its first process, or empty when the platform did not tell. */
    public String workingDirectory() {
        return processes.isEmpty() ? "" : processes.get(0).workingDirectory();
    }
}
