package dev.localhome.domain;

import java.util.Objects;
import java.util.Optional;

/** One listening TCP port that a discovery source found, with the name its owner answers to. */
public record Listener(ServiceName name, Endpoint endpoint, Optional<ProcessInfo> process) {
    public Listener {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(process, "process");
    }

    public static Listener of(ServiceName name, int port, ProcessInfo process) {
        return new Listener(name, Endpoint.loopback(port), Optional.of(process));
    }

    public static Listener withoutProcess(ServiceName name, int port) {
        return new Listener(name, Endpoint.loopback(port), Optional.empty());
    }
}
