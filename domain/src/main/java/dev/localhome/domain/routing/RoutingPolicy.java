package dev.localhome.domain.routing;

import dev.localhome.domain.Self;
import dev.localhome.domain.ServiceName;
import java.util.Objects;
import java.util.function.BooleanSupplier;

/**
 * The daemon's facts that routing depends on: its own name (which serves the dashboard), whether it has a CA now
 * ({@code interceptionNow}: the CA is live, created or removed while the daemon runs), itself (its endpoints and
 * {@code Via} token), so that it never forwards a request back to itself, and whether forwarded requests carry
 * {@code X-Forwarded-*} headers.
 */
public record RoutingPolicy(ServiceName ownName, BooleanSupplier interceptionNow, Self self, boolean forwardedHeaders) {
    public RoutingPolicy {
        Objects.requireNonNull(ownName, "ownName");
        Objects.requireNonNull(interceptionNow, "interceptionNow");
        Objects.requireNonNull(self, "self");
    }

    /** With a CA that stays as it is. */
    public RoutingPolicy(ServiceName ownName, boolean interception, Self self, boolean forwardedHeaders) {
        this(ownName, () -> interception, self, forwardedHeaders);
    }

    /** With the {@code X-Forwarded-*} headers on, the default. */
    public RoutingPolicy(ServiceName ownName, boolean interception, Self self) {
        this(ownName, interception, self, true);
    }

    /** Whether HTTPS is intercepted now: a CA is in use. */
    public boolean interception() {
        return interceptionNow.getAsBoolean();
    }
}
