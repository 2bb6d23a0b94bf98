package dev.localhome.application;

import dev.localhome.domain.Service;
import dev.localhome.domain.ServiceCatalog;
import dev.localhome.domain.ServiceName;
import dev.localhome.domain.routing.Arrival;
import dev.localhome.domain.routing.RequestHead;
import dev.localhome.domain.routing.RequestRouter;
import dev.localhome.domain.routing.Route;
import dev.localhome.domain.routing.RoutingPolicy;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Use case: route a request. Known names route at once from the current snapshot; a name the snapshot lacks waits
 * for one rescan (bounded), so a server that started a moment ago is reachable on the first request.
 *
 * <p>The returned stage may complete on the discovery thread: callers on an event loop hop back before acting.
 */
public final class RequestRouting {
    static final Duration RESCAN_BOUND = Duration.ofSeconds(2);

    private final ServiceRegistry registry;
    private final RequestRouter router;

    public RequestRouting(ServiceRegistry registry, RoutingPolicy policy) {
        this.registry = registry;
        this.router = new RequestRouter(policy);
    }

    public CompletionStage<Route> route(RequestHead head, Arrival arrival) {
        ServiceCatalog now = registry.catalog();
        Optional<ServiceName> wanted = router.wantedName(head, arrival);
        if (wanted.isEmpty() || now.knows(wanted.get())) // a name pointing at the daemon is known: no rescan
            return CompletableFuture.completedFuture(router.route(head, arrival, now));
        return registry.rescanWithin(RESCAN_BOUND).thenApply(fresh -> router.route(head, arrival, fresh));
    }

    /**
     * What refuses a request before any routing, {@code CONNECT} included: two {@code Host} headers, or a loop in its
     * {@code Via}. Needs no scan, so it is answered at once.
     */
    public Optional<Route> screen(RequestHead head) {
        return router.screen(head);
    }

    public RoutingPolicy policy() {
        return router.policy();
    }

    /** A backend refused or vanished: look again, so the next request finds it on its new port. */
    public void backendFailed() {
        registry.rescan();
    }

    /**
     * A backend refused a connection: where the service is now, after a fresh scan (bounded), or empty when it no
     * longer runs. A dev server that restarted on another port is then reached by the very request that found it gone.
     */
    public CompletionStage<Optional<Service>> rediscover(ServiceName name) {
        return registry.rescanWithin(RESCAN_BOUND).thenApply(fresh -> fresh.find(name));
    }
}
