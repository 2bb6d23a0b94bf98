package dev.localhome.domain.routing;

import dev.localhome.domain.ServiceName;
import java.util.Objects;

/**
 * The daemon's facts that routing depends on: its own name (which serves the dashboard), whether it has a CA, and
 * whether forwarded requests carry {@code X-Forwarded-*} headers.
 */
public record RoutingPolicy(ServiceName ownName, boolean interception, boolean forwardedHeaders) {
    public RoutingPolicy {
        Objects.requireNonNull(ownName, "ownName");
    }

    /** With the {@code X-Forwarded-*} headers on, the default. */
    public RoutingPolicy(ServiceName ownName, boolean interception) {
        this(ownName, interception, true);
    }
}
