package dev.localhome.domain.routing;

import dev.localhome.domain.Endpoint;
import dev.localhome.domain.Service;
import dev.localhome.domain.ServiceCatalog;
import dev.localhome.domain.ServiceName;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Supplier;

/**
 * Decides where a request goes. A pure function of the request head, how it arrived, the services running now and the
 * daemon's own facts; the behaviour contract of docs/ARCHITECTURE.md, row by row.
 *
 * <p>No route ever forwards to the daemon itself: a request that already passed through it (its {@code Via} token),
 * or through too many proxies, and a service found at one of its own endpoints, are loops ({@code 508}); a literal
 * address in the target is the daemon only when it is the address and port the daemon listens on.
 */
public final class RequestRouter {
    private static final int HTTP_PORT = 80;
    private static final int HTTPS_PORT = 443;
    /** More proxies than a dev setup ever chains (browser, localhome, a dev server's own proxy): a loop. */
    static final int MAX_VIA_HOPS = 5;

    private final RoutingPolicy policy;

    public RequestRouter(RoutingPolicy policy) {
        this.policy = Objects.requireNonNull(policy, "policy");
    }

    public RoutingPolicy policy() {
        return policy;
    }

    /**
     * Where a request goes. A {@code CONNECT} that arrives directly is no request to route but a tunnel to plan:
     * screen it, then ask {@link #planTunnel}; inside a tunnel one is answered here (closed without a byte).
     *
     * @throws IllegalArgumentException for a {@code CONNECT} that arrived directly
     */
    public Route route(RequestHead head, Arrival arrival, ServiceCatalog catalog) {
        if (head.isConnect() && arrival instanceof Arrival.Direct)
            throw new IllegalArgumentException("CONNECT " + head.target() + " is planned by planTunnel, not routed");
        Optional<Route> refused = screen(head);
        if (refused.isPresent()) return refused.get();
        // Java 17 has no pattern switch; a sealed interface keeps this instanceof exhaustive by construction.
        Route route = arrival instanceof Arrival.InTunnel tunnel ? inTunnel(head, tunnel, catalog)
                : direct(head, ((Arrival.Direct) arrival).tls() ? "https" : "http", catalog);
        if (!policy.forwardedHeaders() && route instanceof Route.Forward forward) return forward.forwarded(false);
        return route;
    }

    /**
     * What is wrong with a request whatever it asks for, {@code CONNECT} included: more than one {@code Host} (a
     * {@code 400}, RFC 9112 §3.2: two could send the rebinding guard and the backend different names), or a
     * {@code Via} chain that shows a loop ({@code 508}). Empty when the request may go on to be routed.
     */
    public Optional<Route> screen(RequestHead head) {
        if (head.hosts().size() > 1)
            return Optional.of(new Route.BadRequest("a request carries exactly one Host header; this one has "
                    + head.hosts().size() + ": " + String.join(", ", head.hosts())));
        if (head.via().isEmpty()) return Optional.empty(); // no proxy passed it (most requests): nothing to parse
        ViaChain via = ViaChain.parse(head.via());
        String me = policy.self().pseudonym();
        if (via.passedThrough(me))
            return Optional.of(new Route.LoopDetected("this request has already passed through this localhome (" + me
                    + "; Via: " + String.join(", ", head.via()) + "): something it was forwarded to sent it back here."));
        if (via.hops() > MAX_VIA_HOPS)
            return Optional.of(new Route.LoopDetected("this request has already passed through " + via.hops()
                    + " proxies (Via: " + String.join(", ", head.via()) + "), more than " + MAX_VIA_HOPS
                    + ": it is going round a loop of proxies."));
        return Optional.empty();
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
        if (AbsoluteTarget.looksAbsolute(head.target()))
            return AbsoluteTarget.parse(head.target())
                    .filter(t -> !isMachine(t.authority()) && !isOwnName(t.authority())) // the daemon, or refused
                    .flatMap(t -> nameOf(t.authority()));
        return head.host().flatMap(Authority::parse).flatMap(Authority::localhostSubdomain).flatMap(ServiceName::parse);
    }

    /**
     * Whether {@code catalog} decides this request as a fresh scan would: it asks for no service, or the catalog knows
     * the service it asks for and, when it names a port, that port. When not, the caller rescans before routing. A
     * subdomain counts as known once its service is ({@code a.app} when {@code app} runs): else each of its requests
     * would wait for a scan.
     */
    public boolean isDecidable(RequestHead head, Arrival arrival, ServiceCatalog catalog) {
        Optional<ServiceName> wanted = wantedName(head, arrival);
        if (wanted.isEmpty()) return true;
        if (arrival instanceof Arrival.InTunnel tunnel) return knowsPort(catalog, tunnel.name(), tunnel.port());
        Optional<Authority> bare = AbsoluteTarget.parse(head.target()).map(AbsoluteTarget::authority)
                .filter(a -> a.localhostSubdomain().isEmpty());
        if (bare.isPresent()) return knowsPort(catalog, wanted.get(), namedPort(bare.get(), HTTP_PORT));
        return NamedHost.resolve(wanted.get().value(), catalog).map(h -> knowsPort(catalog, h.name(), h.port()))
                .orElse(false);
    }

    /** {@link #isDecidable(RequestHead, Arrival, ServiceCatalog)} for {@code CONNECT connectTarget}. */
    public boolean isDecidable(Authority connectTarget, ServiceCatalog catalog) {
        Optional<ServiceName> wanted = wantedName(connectTarget);
        if (wanted.isEmpty() || connectTarget.port().isEmpty()) return true; // refused whatever runs
        OptionalInt port = connectTarget.port().getAsInt() == HTTP_PORT ? OptionalInt.empty()
                : namedPort(connectTarget, HTTPS_PORT);
        return knowsPort(catalog, wanted.get(), port);
    }

    private static boolean knowsPort(ServiceCatalog catalog, ServiceName name, OptionalInt port) {
        if (catalog.pointsAtDaemon(name).isPresent()) return true;
        return catalog.find(name).map(s -> port.isEmpty() || s.ports().contains(port.getAsInt())).orElse(false);
    }

    /** The service port an authority names: none when it names the scheme's own port (or none at all). */
    private static OptionalInt namedPort(Authority authority, int schemePort) {
        return authority.port().isPresent() && authority.port().getAsInt() != schemePort ? authority.port()
                : OptionalInt.empty();
    }

    private static Optional<ServiceName> nameOf(Authority authority) {
        return ServiceName.parse(authority.localhostSubdomain().orElse(authority.host()));
    }

    private Route inTunnel(RequestHead head, Arrival.InTunnel tunnel, ServiceCatalog catalog) {
        if (head.isConnect()) return new Route.CloseSilently();
        Optional<String> target = AbsoluteTarget.originForm(head.target());
        if (target.isEmpty()) return new Route.BadRequest("unsupported request target: " + head.target());
        if (tunnel.name().equals(policy.ownName())) return new Route.Local(LocalPage.forPath(target.get()));
        String asked = tunnel.name().value() + (tunnel.port().isPresent() ? ":" + tunnel.port().getAsInt() : "");
        Optional<Service> service = catalog.find(tunnel.name());
        if (service.isEmpty()) return missing(tunnel.name(), catalog, () -> notFound(asked, catalog));
        Optional<Service> served = tunnel.port().isPresent() ? service.get().atPort(tunnel.port().getAsInt()) : service;
        if (served.isEmpty()) return notFound(asked, catalog); // the port closed since the CONNECT
        return forward(served.get(), target.get(), HeaderRewrite.asLocalhost(served.get().endpoint().port(), asked,
                tunnel.tls() ? "https" : "http"), tunnel.port().isPresent());
    }

    private Route direct(RequestHead head, String proto, ServiceCatalog catalog) {
        if (AbsoluteTarget.looksAbsolute(head.target())) return absolute(head, catalog);
        if (!head.target().startsWith("/") && !head.target().equals("*"))
            return new Route.BadRequest("unsupported request target: " + head.target());
        if (head.host().isEmpty()) return new Route.BadRequest("a Host header is required");
        Optional<Authority> host = Authority.parse(head.host().get());
        if (host.isEmpty()) return new Route.BadRequest("malformed Host header: " + head.host().get());
        return byHost(host.get(), HeaderRewrite.keepHost(head.host().get(), proto), head.target(), catalog);
    }

    /**
     * Reverse proxy by {@code Host}: the daemon itself, {@code <name>.localhost} (or {@code <port>.<name>},
     * {@code <sub>.<name>}: see {@link NamedHost}), or nothing (rebinding guard). The request reached the daemon's own
     * socket, so any loopback {@code Host} is the daemon, whatever its port says.
     */
    private Route byHost(Authority host, HeaderRewrite rewrite, String target, ServiceCatalog catalog) {
        if (host.isLoopback() || isOwnName(host)) return new Route.Local(LocalPage.forPath(target));
        Optional<String> subdomain = host.localhostSubdomain();
        if (subdomain.isEmpty()) return new Route.Forbidden(host.host());
        Optional<NamedHost> named = NamedHost.resolve(subdomain.get(), catalog);
        if (named.isEmpty()) return notFound(subdomain.get(), catalog);
        ServiceName name = named.get().name();
        Optional<Service> service = catalog.find(name);
        if (service.isEmpty()) return missing(name, catalog, () -> notFound(subdomain.get(), catalog));
        OptionalInt port = named.get().port();
        Optional<Service> served = port.isPresent() ? service.get().atPort(port.getAsInt()) : service;
        // A port the service's processes do not listen on is no port of that name: refused like an unknown name.
        if (served.isEmpty()) return notFound(subdomain.get(), catalog);
        return forward(served.get(), target, rewrite, port.isPresent());
    }

    /**
     * Forward proxy, {@code GET http://app/x}: the PAC file sent a bare name here. The target decides: an address or
     * {@code localhost} is the daemon only at its own listening address and port, and refused anywhere else.
     */
    private Route absolute(RequestHead head, ServiceCatalog catalog) {
        Optional<AbsoluteTarget> parsed = AbsoluteTarget.parse(head.target());
        if (parsed.isEmpty()) return new Route.CloseSilently();
        AbsoluteTarget target = parsed.get();
        Authority authority = target.authority();
        if (isMachine(authority)) {
            int port = authority.port().orElse(target.scheme().equals("https") ? HTTPS_PORT : HTTP_PORT);
            return listensAt(authority, port) ? new Route.Local(LocalPage.forPath(target.path()))
                    : new Route.Misdirected(authority.text());
        }
        if (isOwnName(authority)) return new Route.Local(LocalPage.forPath(target.path()));
        if (authority.localhostSubdomain().isPresent()) return byHost(authority, HeaderRewrite.keepHost(authority.host()), target.path(), catalog);
        if (!target.scheme().equals("http")) return new Route.CloseSilently();
        Optional<ServiceName> name = ServiceName.parse(authority.host());
        if (name.isEmpty()) return new Route.CloseSilently();
        Optional<Service> service = catalog.find(name.get());
        // The PAC file sends a bare name here only when it is a service or resolves nowhere (ProxyAutoConfig): the
        // 404 page that lists the services is then the best answer, where a silent close shows an empty reply. A
        // dotted name (example.com) never comes from the PAC: it is closed, never answered as if it were ours.
        if (service.isEmpty())
            return missing(name.get(), catalog, () -> authority.host().indexOf('.') < 0
                    ? notFound(authority.text(), catalog) : new Route.CloseSilently());
        OptionalInt port = namedPort(authority, HTTP_PORT);
        if (port.isPresent()) {
            // http://app:3000/: that port of app's, if it listens there. No redirect to https: the port was typed, and
            // https://app:3000/ would be another origin than the one asked for.
            return service.get().atPort(port.getAsInt())
                    .map(served -> forward(served, target.path(),
                            HeaderRewrite.asLocalhost(served.endpoint().port(), authority.text(), "http"), true))
                    .orElseGet(() -> notFound(authority.text(), catalog)); // as for an unknown name
        }
        if (policy.interception() && head.isSafeToRedirect())
            return new Route.Redirect("https://" + authority.host() + target.path());
        return forward(service.get(), target.path(),
                HeaderRewrite.asLocalhost(service.get().endpoint().port(), authority.host(), "http"));
    }

    /** The service a {@code CONNECT} asks for, other than the daemon itself: the caller rescans when it is unknown. */
    public Optional<ServiceName> wantedName(Authority connectTarget) {
        return tunnelName(connectTarget).filter(n -> !n.equals(policy.ownName()));
    }

    private Optional<ServiceName> tunnelName(Authority connectTarget) {
        return Optional.of(connectTarget).filter(a -> !isMachine(a)).flatMap(a -> ServiceName.parse(a.host()));
    }

    /** What to do with {@code CONNECT target}: refuse it, or open a plain, intercepted or relayed tunnel. */
    public TunnelPlan planTunnel(Authority target, ServiceCatalog catalog) {
        if (target.port().isEmpty()) return new TunnelPlan.Refuse();
        int port = target.port().getAsInt();
        if (isMachine(target)) // the daemon's own address and port: its pages, in a plain tunnel
            return listensAt(target, port) ? new TunnelPlan.PlainHttp(policy.ownName()) : new TunnelPlan.Refuse();
        Optional<ServiceName> name = ServiceName.parse(target.host());
        if (name.isEmpty()) return new TunnelPlan.Refuse();
        if (port != HTTP_PORT && port != HTTPS_PORT) return toPort(name.get(), port, catalog);
        Optional<Service> service = catalog.find(name.get());
        boolean loop = service.map(s -> policy.self().listensOn(s.endpoint()))
                .orElseGet(() -> catalog.pointsAtDaemon(name.get()).isPresent());
        if (name.get().equals(policy.ownName()) || loop) {
            // the tunnel's requests get the dashboard, or the 508 page that names the loop: never a relay to ourselves
            if (port == HTTP_PORT) return new TunnelPlan.PlainHttp(name.get());
            return policy.interception() ? new TunnelPlan.Intercept(name.get()) : new TunnelPlan.Refuse();
        }
        if (service.isEmpty()) {
            // a stopped service's tunnel opens, so its requests get the page that says it stopped (inside TLS too)
            if (catalog.stopped().find(name.get()).isEmpty()) return unknown(name.get(), port);
            if (port == HTTP_PORT) return new TunnelPlan.PlainHttp(name.get());
            return policy.interception() ? new TunnelPlan.Intercept(name.get()) : new TunnelPlan.Refuse();
        }
        if (port == HTTP_PORT) return new TunnelPlan.PlainHttp(name.get());
        return policy.interception() ? new TunnelPlan.Intercept(name.get())
                : new TunnelPlan.Relay(name.get(), service.get().endpoint());
    }

    /**
     * {@code CONNECT name:port} for a name that is no service and did not run lately. The PAC sends a bare name that
     * resolves nowhere here, so {@code http://nope/} opens a plain tunnel whose requests get the 404 page listing the
     * services. Port 443 stays closed without a byte: serving TLS would need a leaf for a name that routes nowhere, and
     * leaves are minted only for names that route; a {@code 404} to the {@code CONNECT} itself is not shown by browsers.
     * A dotted name is somebody else's host, never ours to answer.
     */
    private static TunnelPlan unknown(ServiceName name, int port) {
        boolean bare = name.value().indexOf('.') < 0;
        return bare && port == HTTP_PORT ? new TunnelPlan.PlainHttp(name) : new TunnelPlan.Refuse();
    }

    /**
     * {@code CONNECT name:port} for a port other than 80 and 443: a tunnel to that port of the service, if one of its
     * processes listens there. The daemon's own name has no such ports, nor has a name that points at the daemon.
     */
    private TunnelPlan toPort(ServiceName name, int port, ServiceCatalog catalog) {
        if (name.equals(policy.ownName())) return new TunnelPlan.Refuse();
        return catalog.find(name).flatMap(service -> service.endpointAt(port))
                .filter(backend -> !policy.self().listensOn(backend))
                .<TunnelPlan>map(backend -> new TunnelPlan.ToPort(name, backend, policy.interception()))
                .orElseGet(TunnelPlan.Refuse::new);
    }

    private Route forward(Service service, String target, HeaderRewrite rewrite) {
        return forward(service, target, rewrite, false);
    }

    /** Forwards, unless the service is at the daemon's own endpoint (a scan from before the daemon was bound). */
    private Route forward(Service service, String target, HeaderRewrite rewrite, boolean portNamed) {
        if (policy.self().listensOn(service.endpoint())) return pointsAtDaemon(service.name(), service.endpoint());
        return new Route.Forward(service, target, rewrite, portNamed);
    }

    /**
     * A name without a service: a loop when it was found at the daemon's own address, the stopped page when it ran
     * lately, else {@code otherwise}.
     */
    private static Route missing(ServiceName name, ServiceCatalog catalog, Supplier<Route> otherwise) {
        Optional<Endpoint> loop = catalog.pointsAtDaemon(name);
        if (loop.isPresent()) return pointsAtDaemon(name, loop.get());
        return catalog.stopped().find(name).<Route>map(Route.Stopped::new).orElseGet(otherwise);
    }

    private static Route pointsAtDaemon(ServiceName name, Endpoint endpoint) {
        return new Route.LoopDetected(("the service '%s' is at %s, which is where this localhome itself listens: "
                + "forwarding to it would send the request straight back here. Fix the static mapping or plugin that "
                + "names it, or stop the process that uses this port.").formatted(name.value(), endpoint));
    }

    /** The host of this machine as such, not a service's name: an IP address, or {@code localhost}. */
    private static boolean isMachine(Authority authority) {
        return authority.isAddressLiteral() || authority.host().equals("localhost");
    }

    private boolean isOwnName(Authority host) {
        String own = policy.ownName().value();
        return host.host().equals(own) || host.host().equals(own + ".localhost");
    }

    /** Whether the daemon listens at this address (or {@code localhost}) and port. */
    private boolean listensAt(Authority authority, int port) {
        String host = authority.host();
        for (Endpoint own : policy.self().endpoints()) {
            if (own.port() != port) continue;
            if (host.equals("localhost")) return true;
            boolean ipv6 = own.address().equals(Endpoint.IPV6_LOOPBACK);
            if (ipv6 ? host.indexOf(':') >= 0 && authority.isLoopback() : host.equals(own.address())) return true;
        }
        return false;
    }

    private static Route notFound(String name, ServiceCatalog catalog) {
        return new Route.NotFound(name, catalog.names());
    }
}
