package dev.localhome.domain.port;

import dev.localhome.domain.forward.BackendFailure;
import dev.localhome.domain.forward.ForwardAttempt;
import dev.localhome.domain.forward.ForwardPlan;
import java.util.concurrent.CompletionStage;

/**
 * Inbound: what the transport does when forwarding a request to a backend fails before its answer began: retry,
 * follow the service to where it runs now, or give up with a {@code 502}. May wait for a scan; never blocks.
 */
public interface BackendForwarder {
    CompletionStage<ForwardPlan> afterFailure(ForwardAttempt attempt, BackendFailure failure);
}
