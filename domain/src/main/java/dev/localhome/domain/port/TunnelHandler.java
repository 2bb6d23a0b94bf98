package dev.localhome.domain.port;

import dev.localhome.domain.routing.Authority;
import dev.localhome.domain.routing.TunnelPlan;
import java.util.concurrent.CompletionStage;

/** Inbound: what to do with {@code CONNECT host:port}. Completes after a rescan when the name is not known yet. */
public interface TunnelHandler {
    CompletionStage<TunnelPlan> plan(Authority target);
}
