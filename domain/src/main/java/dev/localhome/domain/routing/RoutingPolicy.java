package dev.localhome.domain.routing;

import dev.localhome.domain.Self;
import dev.localhome.domain.ServiceName;
import java.util.Objects;

/**
 * The daemon's facts that routing depends on: its own name (which serves the dashboard), whether it has a CA, and
 * itself (its endpoints and {@code Via} token), so that it never forwards a request back to itself.
 */
public record RoutingPolicy(ServiceName ownName, boolean interception, Self self) {
    public RoutingPolicy {
        Objects.requireNonNull(ownName, "ownName");
        Objects.requireNonNull(self, "self");
    }
}
