package dev.localhome.application;

import dev.localhome.domain.port.TunnelHandler;
import dev.localhome.domain.routing.Authority;
import dev.localhome.domain.routing.TunnelPlan;
import java.util.concurrent.CompletionStage;

/** Use case: open a tunnel. Decides {@code CONNECT host:port} by the same rules, and rescans, as any request. */
public final class TunnelPlanning implements TunnelHandler {
    private final RequestRouting routing;

    public TunnelPlanning(RequestRouting routing) {
        this.routing = routing;
    }

    @Override
    public CompletionStage<TunnelPlan> plan(Authority target) {
        return routing.planTunnel(target);
    }
}
