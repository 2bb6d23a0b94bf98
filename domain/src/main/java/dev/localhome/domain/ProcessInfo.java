package dev.localhome.domain;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The process behind a listening socket, as far as the platform tells: its pid, command line, working directory and
 * start time, and the container it runs in when it is a container's main process. {@code command} and
 * {@code workingDirectory} may be empty, {@code startedAt} unknown. Never its environment: that holds people's secrets.
 */
public record ProcessInfo(long pid, String command, String workingDirectory, Optional<Instant> startedAt,
                          Optional<Container> container) {
    public ProcessInfo {
        if (pid <= 0) throw new IllegalArgumentException("not a pid: " + pid);
        command = Objects.requireNonNullElse(command, "");
        workingDirectory = Objects.requireNonNullElse(workingDirectory, "");
        startedAt = Objects.requireNonNullElse(startedAt, Optional.empty());
        container = Objects.requireNonNullElse(container, Optional.empty());
    }

    /** A process on this host, in no container. */
    public ProcessInfo(long pid, String command, String workingDirectory, Optional<Instant> startedAt) {
        this(pid, command, workingDirectory, startedAt, Optional.empty());
    }

    /** A process of which only the pid and command line are known. */
    public ProcessInfo(long pid, String command) {
        this(pid, command, "", Optional.empty());
    }
}
