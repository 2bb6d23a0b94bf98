package dev.localhome.domain.routing;

import dev.localhome.domain.Service;
import dev.localhome.domain.ServiceCatalog;
import dev.localhome.domain.ServiceName;
import java.util.Objects;
import java.util.Optional;

/**
 * Decides where a request goes. A pure function of the request head, how it arrived, the services running now and the
 * daemon's own facts; DESIGN.md's behaviour contract, row by row.
 */
public final class RequestRouter {
    private static final int HTTP_PORT = 80;
    private static final int HTTPS_PORT = 443;

    private final RoutingPolicy policy;

    public RequestRouter(RoutingPolicy policy) {
        this.policy = Objects.requireNonNull(policy, "policy");
    }

    public RoutingPolicy policy() {
        return policy;
    }

    public Route route(RequestHead head, Arrival arrival, ServiceCatalog catalog) {
        // Java 17 has no pattern switch; a sealed interface keeps this instanceof exhaustive by construction.
        Route route = arrival instanceof Arrival.InTunnel tunnel ? inTunnel(head, tunnel, catalog) : direct(head, catalog);
        if (!policy.forwardedHeaders() && route instanceof Route.Forward forward)
            return new Route.Forward(forward.service(), forward.target(), forward.rewrite().forwarded(false));
        return route;
    }

    /**
     * The service a request asks for, other than the daemon itself. When the catalog lacks it, the caller rescans
     * before routing: a server that started a moment ago must be reachable on the first request.
     */
    public Optional<ServiceName> wantedName(RequestHead head, Arrival arrival) {
        Optional<ServiceName> name = arrival instanceof Arrival.InTunnel tunnel ? Optional.of(tunnel.name()) : directName(head);
        return name.filter(n -> !n.equals(policy.ownName()));
    }

    private Optional<ServiceName> directName(RequestHead head) {
        if (head.isConnect()) return Authority.parse(head.target()).flatMap(a -> ServiceName.parse(a.host()));
        if (AbsoluteTarget.looksAbsolute(head.target()))
            return AbsoluteTarget.parse(head.target())
                    .filter(t -> !isDaemon(t.authority())) // http://localhost:9090/ asks for the daemon, not a service
                    .flatMap(t -> nameOf(t.authority()));
        return head.host().flatMap(Authority::parse).flatMap(Authority::localhostSubdomain).flatMap(ServiceName::parse);
    }

    private static Optional<ServiceName> nameOf(Authority authority) {
        return ServiceName.parse(authority.localhostSubdomain().orElse(authority.host()));
    }

    private Route inTunnel(RequestHead head, Arrival.InTunnel tunnel, ServiceCatalog catalog) {
        if (head.isConnect()) return new Route.CloseSilently();
        Optional<String> target = AbsoluteTarget.originForm(head.target());
        if (target.isEmpty()) return new Route.BadRequest("unsupported request target: " + head.target());
        if (tunnel.name().equals(policy.ownName())) return new Route.Local(LocalPage.forPath(target.get()));
        return catalog.find(tunnel.name())
                .<Route>map(service -> new Route.Forward(service, target.get(),
                        HeaderRewrite.asLocalhost(service.endpoint().port(), tunnel.name().value(),
                                tunnel.tls() ? "https" : "http")))
                .orElseGet(() -> notFound(tunnel.name().value(), catalog));
    }

    private Route direct(RequestHead head, ServiceCatalog catalog) {
        if (head.isConnect()) return new Route.Tunnel(tunnelPlan(head.target(), catalog));
        if (AbsoluteTarget.looksAbsolute(head.target())) return absolute(head, catalog);
        if (!head.target().startsWith("/") && !head.target().equals("*"))
            return new Route.BadRequest("unsupported request target: " + head.target());
        if (head.host().isEmpty()) return new Route.BadRequest("a Host header is required");
        Optional<Authority> host = Authority.parse(head.host().get());
        if (host.isEmpty()) return new Route.BadRequest("malformed Host header: " + head.host().get());
        return byHost(host.get(), head.host().get(), head.target(), catalog);
    }

    /** Reverse proxy by {@code Host}: the daemon itself, {@code <name>.localhost}, or nothing (rebinding guard). */
    private Route byHost(Authority host, String hostHeader, String target, ServiceCatalog catalog) {
        if (isDaemon(host)) return new Route.Local(LocalPage.forPath(target));
        Optional<String> subdomain = host.localhostSubdomain();
        if (subdomain.isEmpty()) return new Route.Forbidden(host.host());
        return ServiceName.parse(subdomain.get())
                .flatMap(catalog::find)
                .<Route>map(service -> new Route.Forward(service, target, HeaderRewrite.keepHost(hostHeader)))
                .orElseGet(() -> notFound(subdomain.get(), catalog));
    }

    /** Forward proxy, {@code GET http://app/x}: the PAC file sent a bare name here. */
    private Route absolute(RequestHead head, ServiceCatalog catalog) {
        Optional<AbsoluteTarget> parsed = AbsoluteTarget.parse(head.target());
        if (parsed.isEmpty()) return new Route.CloseSilently();
        AbsoluteTarget target = parsed.get();
        Authority authority = target.authority();
        if (authority.localhostSubdomain().isPresent() || isDaemon(authority))
            return byHost(authority, authority.host(), target.path(), catalog);
        if (!target.scheme().equals("http") || authority.port().orElse(HTTP_PORT) != HTTP_PORT)
            return new Route.CloseSilently();
        Optional<ServiceName> name = ServiceName.parse(authority.host());
        if (name.isPresent() && name.get().equals(policy.ownName())) return new Route.Local(LocalPage.forPath(target.path()));
        Optional<Service> service = name.flatMap(catalog::find);
        if (service.isEmpty()) return new Route.CloseSilently();
        if (policy.interception() && head.isSafeToRedirect())
            return new Route.Redirect("https://" + authority.host() + target.path());
        return new Route.Forward(service.get(), target.path(),
                HeaderRewrite.asLocalhost(service.get().endpoint().port(), authority.host(), "http"));
    }

    private TunnelPlan tunnelPlan(String connectTarget, ServiceCatalog catalog) {
        Optional<Authority> authority = Authority.parse(connectTarget);
        if (authority.isEmpty() || authority.get().port().isEmpty()) return new TunnelPlan.Refuse();
        int port = authority.get().port().getAsInt();
        Optional<ServiceName> name = ServiceName.parse(authority.get().host());
        if (name.isEmpty() || (port != HTTP_PORT && port != HTTPS_PORT)) return new TunnelPlan.Refuse();
        if (name.get().equals(policy.ownName())) {
            if (port == HTTP_PORT) return new TunnelPlan.PlainHttp(name.get());
            return policy.interception() ? new TunnelPlan.Intercept(name.get()) : new TunnelPlan.Refuse();
        }
        Optional<Service> service = catalog.find(name.get());
        if (service.isEmpty()) return new TunnelPlan.Refuse();
        if (port == HTTP_PORT) return new TunnelPlan.PlainHttp(name.get());
        return policy.interception() ? new TunnelPlan.Intercept(name.get())
                : new TunnelPlan.Relay(name.get(), service.get().endpoint());
    }

    private boolean isDaemon(Authority host) {
        String own = policy.ownName().value();
        return host.isLoopback() || host.host().equals(own) || host.host().equals(own + ".localhost");
    }

    private static Route notFound(String name, ServiceCatalog catalog) {
        return new Route.NotFound(name, catalog.names());
    }
}
