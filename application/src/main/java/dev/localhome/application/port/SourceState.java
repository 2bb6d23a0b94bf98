package dev.localhome.application.port;

import dev.localhome.domain.port.DiscoveryState;
import java.util.Objects;

/** One discovery source by its name, and whether it finds anything now. */
public record SourceState(String source, DiscoveryState state) {
    public SourceState {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(state, "state");
    }
}
