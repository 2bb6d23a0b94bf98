package dev.localhome.application;

import dev.localhome.domain.Service;
import dev.localhome.domain.forward.BackendFailure;
import dev.localhome.domain.forward.ForwardAttempt;
import dev.localhome.domain.forward.ForwardPlan;
import dev.localhome.domain.forward.Recovery;
import dev.localhome.domain.port.BackendForwarder;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Use case: recover a forward that failed. A refusal waits for one fresh scan (bounded), so a dev server that
 * restarted on another port is reached by the very request that found it gone; a request given up on asks for a
 * rescan, so the next one finds the service where it is now.
 *
 * <p>The returned stage may complete on the discovery thread: callers on an event loop hop back before acting.
 */
public final class Forwarding implements BackendForwarder {
    private final ServiceRegistry registry;

    public Forwarding(ServiceRegistry registry) {
        this.registry = registry;
    }

    @Override
    public CompletionStage<ForwardPlan> afterFailure(ForwardAttempt attempt, BackendFailure failure) {
        if (Recovery.mayHaveMoved(attempt, failure)) {
            // The scan waited for here is fresh: a 502 that follows needs no other.
            return registry.rescanWithin(RequestRouting.RESCAN_BOUND)
                    .thenApply(fresh -> Recovery.decide(attempt, failure, fresh.find(attempt.route().service().name())));
        }
        ForwardPlan plan = Recovery.decide(attempt, failure, Optional.<Service>empty());
        // After a relocation, the scan that found the new endpoint is fresh too.
        if (plan instanceof ForwardPlan.GiveUp && !attempt.relocated()) registry.rescan();
        return CompletableFuture.completedFuture(plan);
    }
}
