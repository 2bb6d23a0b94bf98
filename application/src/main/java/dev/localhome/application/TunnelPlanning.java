package dev.localhome.application;

import dev.localhome.domain.port.TunnelHandler;
import dev.localhome.domain.routing.Arrival;
import dev.localhome.domain.routing.RequestHead;
import dev.localhome.domain.routing.Route;
import dev.localhome.domain.routing.TunnelPlan;
import java.util.concurrent.CompletionStage;

/** Use case: open a tunnel. Decides {@code CONNECT host:port} by the same rules, and rescans, as any request. */
public final class TunnelPlanning implements TunnelHandler {
    private final RequestRouting routing;

    public TunnelPlanning(RequestRouting routing) {
        this.routing = routing;
    }

    @Override
    public CompletionStage<TunnelPlan> plan(String connectTarget) {
        return routing.route(RequestHead.of("CONNECT", connectTarget, null), Arrival.direct())
                .thenApply(route -> route instanceof Route.Tunnel tunnel ? tunnel.plan() : new TunnelPlan.Refuse());
    }
}
