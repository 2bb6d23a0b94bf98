package dev.localhome.domain;

import java.util.Objects;

/** The process behind a listening socket, as far as the platform tells. {@code command} may be empty. */
public record ProcessInfo(long pid, String command) {
    public ProcessInfo {
        if (pid <= 0) throw new IllegalArgumentException("not a pid: " + pid);
        command = Objects.requireNonNullElse(command, "");
    }
}
