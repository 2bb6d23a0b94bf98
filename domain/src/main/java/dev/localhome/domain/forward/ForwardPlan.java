package dev.localhome.domain.forward;

import dev.localhome.domain.routing.Route;

/** What to do after a failed attempt to reach a backend: the decision, consumed with {@code switch}. */
public sealed interface ForwardPlan {
    /** Send the same request to the same endpoint once more, on a fresh connection (never a pooled one). */
    record Retry() implements ForwardPlan {}

    /** The service runs elsewhere now: send the request there (its head rewritten for the new port). */
    record Relocate(Route.Forward route) implements ForwardPlan {}

    /** Answer {@code 502} with {@code why}. */
    record GiveUp(String why) implements ForwardPlan {}
}
