package dev.localhome.domain.forward;

import dev.localhome.domain.Service;
import java.util.Optional;

/**
 * The rules for a failed forward: what may be tried again, and when the service may have moved. A pure function of
 * the attempt, the failure and, for a refusal, where a fresh scan finds the service now.
 */
public final class Recovery {
    private Recovery() {}

    /** Whether the answer depends on where the service is now: a refusal, the first time, may mean it moved. */
    public static boolean mayHaveMoved(ForwardAttempt attempt, BackendFailure failure) {
        return failure instanceof BackendFailure.Refused && !attempt.relocated();
    }

    /**
     * @param whereNow the service after a fresh scan, when {@link #mayHaveMoved} asked for one; empty otherwise
     */
    public static ForwardPlan decide(ForwardAttempt attempt, BackendFailure failure, Optional<Service> whereNow) {
        if (failure instanceof BackendFailure.Refused) {
            return whereNow.flatMap(attempt.route()::in)
                    .filter(now -> !now.endpoint().equals(attempt.route().service().endpoint()))
                    .<ForwardPlan>map(now -> new ForwardPlan.Relocate(attempt.route().movedTo(now)))
                    .orElseGet(() -> new ForwardPlan.GiveUp("connection refused"));
        }
        if (failure instanceof BackendFailure.ClosedBeforeConnected)
            return attempt.retried() ? new ForwardPlan.GiveUp("the connection closed before it was established")
                    : new ForwardPlan.Retry(); // nothing was sent: one more try is safe
        if (failure instanceof BackendFailure.LostBeforeAnswer lost) {
            // A pooled connection the backend closed while idle, or a backend that speaks HTTPS: replay once.
            boolean worthAnother = lost.reusedConnection() || lost.otherProtocol();
            return lost.replayable() && !attempt.retried() && worthAnother ? new ForwardPlan.Retry()
                    : new ForwardPlan.GiveUp(lost.why());
        }
        return new ForwardPlan.GiveUp(((BackendFailure.Other) failure).why());
    }
}
