package dev.localhome.domain.routing;

import dev.localhome.domain.ServiceName;
import java.util.Objects;

/** The daemon's facts that routing depends on: its own name (which serves the dashboard) and whether it has a CA. */
public record RoutingPolicy(ServiceName ownName, boolean interception) {
    public RoutingPolicy {
        Objects.requireNonNull(ownName, "ownName");
    }
}
