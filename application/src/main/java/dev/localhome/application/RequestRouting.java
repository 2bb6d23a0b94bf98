package dev.localhome.application;

import dev.localhome.domain.ServiceCatalog;
import dev.localhome.domain.ServiceName;
import dev.localhome.domain.port.RouteResolver;
import dev.localhome.domain.port.TunnelHandler;
import dev.localhome.domain.routing.Arrival;
import dev.localhome.domain.routing.Authority;
import dev.localhome.domain.routing.OwnPortCertificate;
import dev.localhome.domain.routing.RequestHead;
import dev.localhome.domain.routing.RequestRouter;
import dev.localhome.domain.routing.Route;
import dev.localhome.domain.routing.RoutingPolicy;
import dev.localhome.domain.routing.TunnelPlan;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Use case: route a request, and plan a tunnel for a {@code CONNECT}. Known names route at once from the current snapshot; a name the snapshot lacks waits
 * for one rescan (bounded), so a server that started a moment ago is reachable on the first request.
 *
 * <p>The returned stage may complete on the discovery thread: callers on an event loop hop back before acting.
 */
public final class RequestRouting implements RouteResolver, TunnelHandler {
    static final Duration RESCAN_BOUND = Duration.ofSeconds(2);

    private final ServiceRegistry registry;
    private final RequestRouter router;

    public RequestRouting(ServiceRegistry registry, RoutingPolicy policy) {
        this.registry = registry;
        this.router = new RequestRouter(policy);
    }

    @Override
    public CompletionStage<Route> route(RequestHead head, Arrival arrival) {
        return withCatalogDeciding(catalog -> router.isDecidable(head, arrival, catalog),
                catalog -> router.route(head, arrival, catalog));
    }

    /** What to do with {@code CONNECT target}, by the same rules and with the same rescan as any request. */
    @Override
    public CompletionStage<TunnelPlan> plan(Authority target) {
        return withCatalogDeciding(catalog -> router.isDecidable(target, catalog),
                catalog -> router.planTunnel(target, catalog));
    }

    /** The leaf for a TLS handshake on the daemon's own port, by the same catalog and rescan as any request. */
    @Override
    public CompletionStage<Optional<ServiceName>> ownPortLeaf(Optional<String> sni) {
        return withCatalogDeciding(catalog -> OwnPortCertificate.leafFor(sni, catalog, router.policy()).isPresent(),
                catalog -> OwnPortCertificate.leafFor(sni, catalog, router.policy()));
    }

    /**
     * Decides from the current snapshot when it knows what the request asks for (a name, and a port it names), else
     * after one rescan (bounded). A name pointing at the daemon is known: no rescan. Before the daemon's first scan has
     * ended, nothing is decided from the empty snapshot: the first scan is awaited (bounded) and decides.
     */
    private <T> CompletionStage<T> withCatalogDeciding(Predicate<ServiceCatalog> decidable,
                                                       Function<ServiceCatalog, T> decide) {
        if (!registry.scanned()) // just after the start: the first scan runs while the daemon already listens
            return registry.firstScan().thenCompose(first -> decideOrRescan(first, decidable, decide));
        return decideOrRescan(registry.catalog(), decidable, decide);
    }

    private <T> CompletionStage<T> decideOrRescan(ServiceCatalog now, Predicate<ServiceCatalog> decidable,
                                                  Function<ServiceCatalog, T> decide) {
        if (decidable.test(now)) return CompletableFuture.completedFuture(decide.apply(now));
        return registry.rescanWithin(RESCAN_BOUND).thenApply(decide);
    }

    /**
     * What refuses a request before any routing, {@code CONNECT} included: two {@code Host} headers, or a loop in its
     * {@code Via}. Needs no scan, so it is answered at once.
     */
    @Override
    public Optional<Route> screen(RequestHead head) {
        return router.screen(head);
    }

    @Override
    public RoutingPolicy policy() {
        return router.policy();
    }
}
