package dev.localhome.domain.forward;

import dev.localhome.domain.routing.Route;
import java.util.Objects;

/**
 * One request on its way to a backend, as far as deciding what to do after a failure needs to know it.
 *
 * @param route     where it goes now
 * @param retried   it was sent again once already
 * @param relocated the service was followed to another endpoint once already
 */
public record ForwardAttempt(Route.Forward route, boolean retried, boolean relocated) {
    public ForwardAttempt {
        Objects.requireNonNull(route, "route");
    }

    public static ForwardAttempt first(Route.Forward route) {
        return new ForwardAttempt(route, false, false);
    }

    public ForwardAttempt retry() {
        return new ForwardAttempt(route, true, relocated);
    }

    public ForwardAttempt relocatedTo(Route.Forward moved) {
        return new ForwardAttempt(moved, retried, true);
    }
}
