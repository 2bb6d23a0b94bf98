package dev.localhome.domain.routing;

import dev.localhome.domain.Self;
import dev.localhome.domain.ServiceName;
import java.util.Objects;

/**
 * The daemon's facts that routing depends on: its own name (which serves the dashboard), whether it has a CA,
 * itself (its endpoints and {@code Via} token), so that it never forwards a request back to itself, and whether
 * forwarded requests carry {@code X-Forwarded-*} headers.
 */
public record RoutingPolicy(ServiceName ownName, boolean interception, Self self, boolean forwardedHeaders) {
    public RoutingPolicy {
        Objects.requireNonNull(ownName, "ownName");
        Objects.requireNonNull(self, "self");
    }

    /** With the {@code X-Forwarded-*} headers on, the default. */
    public RoutingPolicy(ServiceName ownName, boolean interception, Self self) {
        this(ownName, interception, self, true);
    }
}
