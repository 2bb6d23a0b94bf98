package dev.localhome.domain.routing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.localhome.domain.Endpoint;
import dev.localhome.domain.Listener;
import dev.localhome.domain.ProcessInfo;
import dev.localhome.domain.Self;
import dev.localhome.domain.Service;
import dev.localhome.domain.ServiceCatalog;
import dev.localhome.domain.ServiceName;
import dev.localhome.domain.StoppedServices;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The behaviour contract (docs/ARCHITECTURE.md), row by row, as routing decisions. {@code CONNECT} is planned, not
 * routed: its rows are in {@link TunnelPlanTest}.
 */
class RequestRouterTest {
    static final ServiceName HOME = new ServiceName("home");
    static final ServiceName APP_NAME = new ServiceName("app");
    private static final ServiceName SHOP_NAME = new ServiceName("api.shop");
    private static final ServiceName UNDERSCORE_NAME = new ServiceName("_home");
    private static final ServiceName GONE = new ServiceName("gone");
    static final int APP_PORT = 5173;
    private static final int OWN_PORT = 9090;
    static final ServiceName LOOP_NAME = new ServiceName("loop");
    /** The daemon under test: listening on 127.0.0.1:9090, and marking its Via entries localhome-t0k3n. */
    private static final Self SELF = listeningOn(Self.detached("t0k3n"), Endpoint.loopback(OWN_PORT));

    private static final ProcessInfo VITE = new ProcessInfo(100, "node vite");
    /** app listens on 5173 over both families and has a debugger on 9229; the router must pick 127.0.0.1:5173. */
    static final ServiceCatalog CATALOG = ServiceCatalog.of(List.of(
            new Listener(APP_NAME, new Endpoint("::1", APP_PORT), Optional.of(VITE)),
            Listener.of(APP_NAME, APP_PORT, VITE),
            Listener.of(APP_NAME, 9229, VITE),
            Listener.withoutProcess(SHOP_NAME, 3000),
            Listener.withoutProcess(UNDERSCORE_NAME, 4000),
            Listener.withoutProcess(LOOP_NAME, OWN_PORT)), // a static mapping to the daemon's own port
            SELF);
    private static final Service APP = CATALOG.find(APP_NAME).orElseThrow();
    private static final Service SHOP = CATALOG.find(SHOP_NAME).orElseThrow();
    private static final Service UNDERSCORE = CATALOG.find(UNDERSCORE_NAME).orElseThrow();
    private static final List<ServiceName> KNOWN = List.of(UNDERSCORE_NAME, SHOP_NAME, APP_NAME);

    private static final Arrival DIRECT = Arrival.direct();

    enum Ca { WITH, WITHOUT, EITHER }

    static RequestRouter router(boolean interception) {
        return new RequestRouter(new RoutingPolicy(HOME, interception, SELF));
    }

    private static Self listeningOn(Self self, Endpoint endpoint) {
        self.listeningOn(List.of(endpoint));
        return self;
    }

    // ---------------------------------------------------------------------------------------------------------------
    // route(...)

    static Stream<Arguments> contract() {
        List<Arguments> rows = new ArrayList<>();

        // Reverse proxy by Host.
        row(rows, "a name under .localhost is proxied to its service with the Host kept as sent",
                get("/x", "app.localhost:9090"), DIRECT, Ca.EITHER,
                new Route.Forward(APP, "/x", HeaderRewrite.keepHost("app.localhost:9090")));
        row(rows, "a .localhost Host is matched case-insensitively and still kept as sent",
                get("/x?q=1", "App.LocalHost:9090"), DIRECT, Ca.EITHER,
                new Route.Forward(APP, "/x?q=1", HeaderRewrite.keepHost("App.LocalHost:9090")));
        row(rows, "a POST under .localhost is proxied like a GET",
                req("POST", "/api", "app.localhost:9090"), DIRECT, Ca.WITH,
                new Route.Forward(APP, "/api", HeaderRewrite.keepHost("app.localhost:9090")));
        row(rows, "a nested name answers at its own .localhost subdomain",
                get("/", "api.shop.localhost:9090"), DIRECT, Ca.EITHER,
                new Route.Forward(SHOP, "/", HeaderRewrite.keepHost("api.shop.localhost:9090")));
        row(rows, "a name starting with an underscore is routed",
                get("/", "_home.localhost:9090"), DIRECT, Ca.EITHER,
                new Route.Forward(UNDERSCORE, "/", HeaderRewrite.keepHost("_home.localhost:9090")));
        row(rows, "an unknown name under .localhost is a 404 naming the known services",
                get("/x", "nope.localhost:9090"), DIRECT, Ca.EITHER, new Route.NotFound("nope", KNOWN));

        // The daemon's own pages.
        row(rows, "localhost with the daemon's port shows the dashboard",
                get("/", "localhost:9090"), DIRECT, Ca.EITHER, new Route.Local(LocalPage.DASHBOARD));
        row(rows, "127.0.0.1 serves the PAC file",
                get("/proxy.pac", "127.0.0.1:9090"), DIRECT, Ca.EITHER, new Route.Local(LocalPage.PROXY_PAC));
        row(rows, "[::1] serves the services API",
                get("/api/services", "[::1]:9090"), DIRECT, Ca.EITHER, new Route.Local(LocalPage.SERVICES_API));
        row(rows, "the daemon's own name serves its pages",
                get("/api/services", "home:9090"), DIRECT, Ca.EITHER, new Route.Local(LocalPage.SERVICES_API));
        row(rows, "the daemon's own name under .localhost shows the dashboard",
                get("/", "home.localhost:9090"), DIRECT, Ca.EITHER, new Route.Local(LocalPage.DASHBOARD));
        row(rows, "the PAC file is served whatever its query string",
                get("/proxy.pac?v=2", "localhost"), DIRECT, Ca.EITHER, new Route.Local(LocalPage.PROXY_PAC));
        row(rows, "/index.html is the dashboard too",
                get("/index.html", "localhost:9090"), DIRECT, Ca.EITHER, new Route.Local(LocalPage.DASHBOARD));
        row(rows, "an unknown path on the daemon is its missing page",
                get("/nope", "localhost:9090"), DIRECT, Ca.EITHER, new Route.Local(LocalPage.MISSING));

        // DNS-rebinding guard and malformed heads.
        row(rows, "any other Host is forbidden",
                get("/", "evil.com"), DIRECT, Ca.EITHER, new Route.Forbidden("evil.com"));
        row(rows, "any other Host with the daemon's port is forbidden",
                get("/", "evil.com:9090"), DIRECT, Ca.EITHER, new Route.Forbidden("evil.com"));
        row(rows, "a bare service name as Host is forbidden: only .localhost names route by Host",
                get("/", "app"), DIRECT, Ca.EITHER, new Route.Forbidden("app"));
        row(rows, "a LAN address as Host is forbidden",
                get("/", "192.168.1.10:9090"), DIRECT, Ca.EITHER, new Route.Forbidden("192.168.1.10"));
        row(rows, "a request without Host is a bad request",
                get("/", null), DIRECT, Ca.EITHER, new Route.BadRequest("Host"));
        row(rows, "a Host with user-info is a bad request",
                get("/", "user@app.localhost"), DIRECT, Ca.EITHER, new Route.BadRequest("Host"));
        row(rows, "an authority-form target outside CONNECT is a bad request",
                get("app:443", "app.localhost"), DIRECT, Ca.EITHER, new Route.BadRequest("target"));

        // Forward proxy, absolute-form targets.
        row(rows, "GET http://app/x with a CA is redirected to https://app/x",
                get("http://app/x", "app"), DIRECT, Ca.WITH, new Route.Redirect("https://app/x"));
        row(rows, "GET http://app/x keeps its query in the redirect",
                get("http://app/x?q=1", "app"), DIRECT, Ca.WITH, new Route.Redirect("https://app/x?q=1"));
        row(rows, "HEAD http://app/x with a CA is redirected like a GET",
                req("HEAD", "http://app/x", "app"), DIRECT, Ca.WITH, new Route.Redirect("https://app/x"));
        row(rows, "GET http://app:80/x names the default port and is redirected",
                get("http://app:80/x", "app"), DIRECT, Ca.WITH, new Route.Redirect("https://app/x"));
        row(rows, "GET http://app/x without a CA is proxied as localhost with Origin rewritten",
                get("http://app/x", "app"), DIRECT, Ca.WITHOUT,
                new Route.Forward(APP, "/x", HeaderRewrite.asLocalhost(APP_PORT, "app", "http")));
        row(rows, "GET http://app without a path is proxied to /",
                get("http://app", "app"), DIRECT, Ca.WITHOUT,
                new Route.Forward(APP, "/", HeaderRewrite.asLocalhost(APP_PORT, "app", "http")));
        row(rows, "GET http://APP/x is matched case-insensitively",
                get("HTTP://APP/x", "APP"), DIRECT, Ca.WITHOUT,
                new Route.Forward(APP, "/x", HeaderRewrite.asLocalhost(APP_PORT, "app", "http")));
        row(rows, "POST http://app/x with a CA is forwarded, not redirected: a 302 would lose its body",
                req("POST", "http://app/x", "app"), DIRECT, Ca.WITH,
                new Route.Forward(APP, "/x", HeaderRewrite.asLocalhost(APP_PORT, "app", "http")));
        row(rows, "PUT http://app/x without a CA is forwarded",
                req("PUT", "http://app/x", "app"), DIRECT, Ca.WITHOUT,
                new Route.Forward(APP, "/x", HeaderRewrite.asLocalhost(APP_PORT, "app", "http")));
        row(rows, "GET http://home/ shows the dashboard",
                get("http://home/", "home"), DIRECT, Ca.EITHER, new Route.Local(LocalPage.DASHBOARD));
        row(rows, "GET http://localhost:9090/proxy.pac serves the PAC file",
                get("http://localhost:9090/proxy.pac", "localhost:9090"), DIRECT, Ca.EITHER,
                new Route.Local(LocalPage.PROXY_PAC));
        row(rows, "GET http://nope/x is the 404 page: the PAC sends a bare name only when it is a service or resolves nowhere",
                get("http://nope/x", "nope"), DIRECT, Ca.EITHER, new Route.NotFound("nope", KNOWN));
        row(rows, "GET http://nope:3000/x is the 404 page too",
                get("http://nope:3000/x", "nope:3000"), DIRECT, Ca.EITHER, new Route.NotFound("nope:3000", KNOWN));
        row(rows, "GET http://example.com/ closes without a byte: never an open proxy",
                get("http://example.com/", "example.com"), DIRECT, Ca.EITHER, new Route.CloseSilently());
        row(rows, "GET http://app:22/ is the 404 page, as for an unknown name: app does not listen there",
                get("http://app:22/", "app:22"), DIRECT, Ca.EITHER, new Route.NotFound("app:22", KNOWN));
        row(rows, "GET https://app/ in absolute form closes without a byte: https arrives by CONNECT",
                get("https://app/", "app"), DIRECT, Ca.EITHER, new Route.CloseSilently());
        row(rows, "GET http://user@app/x closes without a byte",
                get("http://user@app/x", "app"), DIRECT, Ca.EITHER, new Route.CloseSilently());


        // Inside a tunnel: every request goes to the tunnel's service.
        row(rows, "a request inside a TLS tunnel is forwarded as localhost with proto https",
                get("/x", "app"), new Arrival.InTunnel(APP_NAME, true), Ca.WITH,
                new Route.Forward(APP, "/x", HeaderRewrite.asLocalhost(APP_PORT, "app", "https")));
        row(rows, "a request inside a plain tunnel is forwarded as localhost with proto http",
                get("/x", "app"), new Arrival.InTunnel(APP_NAME, false), Ca.EITHER,
                new Route.Forward(APP, "/x", HeaderRewrite.asLocalhost(APP_PORT, "app", "http")));
        row(rows, "a POST inside a TLS tunnel is forwarded too",
                req("POST", "/api", "app"), new Arrival.InTunnel(APP_NAME, true), Ca.WITH,
                new Route.Forward(APP, "/api", HeaderRewrite.asLocalhost(APP_PORT, "app", "https")));
        row(rows, "an absolute https target inside a tunnel is reduced to origin form",
                get("https://app/x?q=1", "app"), new Arrival.InTunnel(APP_NAME, true), Ca.WITH,
                new Route.Forward(APP, "/x?q=1", HeaderRewrite.asLocalhost(APP_PORT, "app", "https")));
        row(rows, "an absolute http target inside a plain tunnel is reduced to origin form",
                get("http://app/x", "app"), new Arrival.InTunnel(APP_NAME, false), Ca.EITHER,
                new Route.Forward(APP, "/x", HeaderRewrite.asLocalhost(APP_PORT, "app", "http")));
        row(rows, "inside a tunnel the Host header does not choose the service",
                get("/x", "evil.com"), new Arrival.InTunnel(APP_NAME, true), Ca.WITH,
                new Route.Forward(APP, "/x", HeaderRewrite.asLocalhost(APP_PORT, "app", "https")));
        row(rows, "inside a tunnel a request without Host still goes to the tunnel's service",
                get("/x", null), new Arrival.InTunnel(APP_NAME, false), Ca.EITHER,
                new Route.Forward(APP, "/x", HeaderRewrite.asLocalhost(APP_PORT, "app", "http")));
        row(rows, "inside a TLS tunnel to home the dashboard is served",
                get("/", "home"), new Arrival.InTunnel(HOME, true), Ca.WITH, new Route.Local(LocalPage.DASHBOARD));
        row(rows, "inside a tunnel to home the PAC file is served",
                get("/proxy.pac", "home"), new Arrival.InTunnel(HOME, false), Ca.EITHER,
                new Route.Local(LocalPage.PROXY_PAC));
        row(rows, "inside a tunnel to home the services API is served",
                get("/api/services", "home"), new Arrival.InTunnel(HOME, true), Ca.WITH,
                new Route.Local(LocalPage.SERVICES_API));
        row(rows, "inside a tunnel whose service vanished the request is a 404",
                get("/x", "gone"), new Arrival.InTunnel(GONE, true), Ca.WITH, new Route.NotFound("gone", KNOWN));
        row(rows, "a CONNECT inside a tunnel closes without a byte",
                connect("app:443"), new Arrival.InTunnel(APP_NAME, true), Ca.WITH, new Route.CloseSilently());
        row(rows, "an asterisk target inside a tunnel is a bad request",
                req("OPTIONS", "*", "app"), new Arrival.InTunnel(APP_NAME, false), Ca.EITHER,
                new Route.BadRequest("target"));

        // The request target decides: a literal address is the daemon only at its own address and port.
        row(rows, "GET http://127.0.0.1:<own port>/ is the dashboard",
                get("http://127.0.0.1:9090/", "127.0.0.1:9090"), DIRECT, Ca.EITHER, new Route.Local(LocalPage.DASHBOARD));
        row(rows, "GET http://localhost:<own port>/api/services is the services API",
                get("http://localhost:9090/api/services", "localhost:9090"), DIRECT, Ca.EITHER,
                new Route.Local(LocalPage.SERVICES_API));
        row(rows, "GET http://127.0.0.1:<another port>/ is misdirected, never connected to",
                get("http://127.0.0.1:3000/", "127.0.0.1:3000"), DIRECT, Ca.EITHER, new Route.Misdirected("127.0.0.1:3000"));
        row(rows, "GET http://127.0.0.1/ (port 80, not the daemon's) is misdirected",
                get("http://127.0.0.1/", "127.0.0.1"), DIRECT, Ca.EITHER, new Route.Misdirected("127.0.0.1"));
        row(rows, "GET http://localhost:<another port>/ is misdirected",
                get("http://localhost:5173/", "localhost:5173"), DIRECT, Ca.EITHER, new Route.Misdirected("localhost:5173"));
        row(rows, "GET http://[::1]:<own port>/ is misdirected when the daemon listens on IPv4 only",
                get("http://[::1]:9090/", "[::1]:9090"), DIRECT, Ca.EITHER, new Route.Misdirected("[::1]:9090"));
        row(rows, "GET http://127.0.0.2:<own port>/ is misdirected: the daemon listens on 127.0.0.1",
                get("http://127.0.0.2:9090/", "127.0.0.2:9090"), DIRECT, Ca.EITHER, new Route.Misdirected("127.0.0.2:9090"));
        row(rows, "GET http://192.168.1.10:<own port>/ is misdirected",
                get("http://192.168.1.10:9090/", "192.168.1.10:9090"), DIRECT, Ca.EITHER,
                new Route.Misdirected("192.168.1.10:9090"));
        row(rows, "GET https://127.0.0.1/ in absolute form is misdirected",
                get("https://127.0.0.1/", "127.0.0.1"), DIRECT, Ca.EITHER, new Route.Misdirected("127.0.0.1"));

        // One Host, exactly (RFC 9112 §3.2).
        row(rows, "two Host headers are a bad request, even when the first names a service",
                hosts("/", "app.localhost:9090", "evil.com"), DIRECT, Ca.EITHER, new Route.BadRequest("Host"));
        row(rows, "two equal Host headers are a bad request too",
                hosts("/", "app.localhost:9090", "app.localhost:9090"), DIRECT, Ca.EITHER, new Route.BadRequest("Host"));
        row(rows, "two Host headers inside a tunnel are a bad request",
                hosts("/", "app", "evil.com"), new Arrival.InTunnel(APP_NAME, true), Ca.WITH, new Route.BadRequest("Host"));
        row(rows, "two Host headers on an absolute-form request are a bad request",
                hosts("http://app/", "app", "evil.com"), DIRECT, Ca.EITHER, new Route.BadRequest("Host"));

        // Loops: this instance's Via token, a long Via chain, a service at the daemon's own address.
        row(rows, "a request that already carries this localhome's Via entry is a loop",
                get("/", "app.localhost:9090").withVia("1.1 localhome-t0k3n"), DIRECT, Ca.EITHER,
                new Route.LoopDetected("already passed through this localhome"));
        row(rows, "this localhome's Via entry is found after other proxies, in any case",
                get("/", "app.localhost:9090").withVia("1.1 corp-proxy, 1.1 LOCALHOME-T0K3N (x, y)"), DIRECT, Ca.EITHER,
                new Route.LoopDetected("already passed through this localhome"));
        row(rows, "this localhome's Via entry in a second Via field line is found",
                get("/", "app").withVia("1.1 a", "2 localhome-t0k3n"), new Arrival.InTunnel(APP_NAME, true), Ca.WITH,
                new Route.LoopDetected("already passed through this localhome"));
        row(rows, "another localhome's Via entry is no loop",
                get("/x", "app.localhost:9090").withVia("1.1 localhome-other"), DIRECT, Ca.EITHER,
                new Route.Forward(APP, "/x", HeaderRewrite.keepHost("app.localhost:9090")));
        row(rows, "five proxies in Via are still forwarded",
                get("/x", "app.localhost:9090").withVia("1.1 a, 1.1 b, 1.1 c (with, commas), 1.1 d, 1.1 e"), DIRECT,
                Ca.EITHER, new Route.Forward(APP, "/x", HeaderRewrite.keepHost("app.localhost:9090")));
        row(rows, "six proxies in Via are a loop",
                get("/x", "app.localhost:9090").withVia("1.1 a, 1.1 b, 1.1 c", "1.1 d, 1.1 e, 1.1 f"), DIRECT,
                Ca.EITHER, new Route.LoopDetected("6 proxies"));
        row(rows, "a name mapped to the daemon's own port is a loop by Host",
                get("/", "loop.localhost:9090"), DIRECT, Ca.EITHER, new Route.LoopDetected("'loop' is at 127.0.0.1:9090"));
        row(rows, "a name mapped to the daemon's own port is a loop in absolute form",
                get("http://loop/", "loop"), DIRECT, Ca.EITHER, new Route.LoopDetected("'loop' is at 127.0.0.1:9090"));
        row(rows, "a name mapped to the daemon's own port is a loop inside its tunnel",
                get("/", "loop"), new Arrival.InTunnel(LOOP_NAME, true), Ca.WITH,
                new Route.LoopDetected("'loop' is at 127.0.0.1:9090"));
        return rows.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("contract")
    void routesAsTheContractSays(String sentence, RequestHead head, Arrival arrival, boolean interception,
                                 Route expected) {
        Route actual = router(interception).route(head, arrival, CATALOG);

        if (expected instanceof Route.BadRequest bad) {
            assertThat(actual).isInstanceOfSatisfying(Route.BadRequest.class,
                    b -> assertThat(b.reason()).containsIgnoringCase(bad.reason()));
        } else if (expected instanceof Route.LoopDetected loop) {
            assertThat(actual).isInstanceOfSatisfying(Route.LoopDetected.class,
                    l -> assertThat(l.loop()).contains(loop.loop()));
        } else {
            assertThat(actual).isEqualTo(expected);
        }
    }

    @Test
    void forwardProxyAddressesTheBackendAsLocalhostAndRewritesOrigin() {
        Route route = router(false).route(get("http://app/x", "app"), DIRECT, CATALOG);

        assertThat(route).isInstanceOfSatisfying(Route.Forward.class, forward -> {
            assertThat(forward.service().endpoint()).isEqualTo(Endpoint.loopback(APP_PORT));
            assertThat(forward.rewrite().host()).contains("localhost:5173");
            assertThat(forward.rewrite().origin()).contains("http://localhost:5173");
            assertThat(forward.rewrite().forwardedHost()).isEqualTo("app");
            assertThat(forward.rewrite().forwardedProto()).isEqualTo("http");
        });
    }

    @Test
    void withForwardedHeadersTurnedOffNoForwardOnAnyPathAddsThem() {
        RequestRouter router = new RequestRouter(new RoutingPolicy(HOME, false, SELF, false));

        for (Route route : List.of(router.route(get("http://app/x", "app"), DIRECT, CATALOG),
                router.route(get("/x", "app.localhost:9090"), DIRECT, CATALOG),
                router.route(get("/x", "app"), new Arrival.InTunnel(APP_NAME, true), CATALOG))) {
            assertThat(route).isInstanceOfSatisfying(Route.Forward.class, forward -> {
                assertThat(forward.rewrite().forwarded()).isFalse();
                assertThat(forward.movedTo(SHOP).rewrite().forwarded()).as("nor after a move to another port").isFalse();
            });
        }
        assertThat(router(false).route(get("/x", "app.localhost:9090"), DIRECT, CATALOG))
                .isInstanceOfSatisfying(Route.Forward.class, forward -> assertThat(forward.rewrite().forwarded()).isTrue());
    }

    @Test
    void reverseProxyKeepsHostAndOriginAndForwardsTheHostAsSent() {
        Route route = router(true).route(get("/x", "app.localhost:9090"), DIRECT, CATALOG);

        assertThat(route).isInstanceOfSatisfying(Route.Forward.class, forward -> {
            assertThat(forward.rewrite().host()).isEmpty();
            assertThat(forward.rewrite().origin()).isEmpty();
            assertThat(forward.rewrite().forwardedHost()).isEqualTo("app.localhost:9090");
            assertThat(forward.rewrite().forwardedProto()).isEqualTo("http");
        });
    }

    @Test
    void everyRequestInAPlainTunnelIsRewrittenNotJustTheFirst() {
        RequestRouter router = router(false);
        assertThat(router.planTunnel(Authority.parse("app:80").orElseThrow(), CATALOG))
                .isEqualTo(new TunnelPlan.PlainHttp(APP_NAME));

        Arrival tunnel = new Arrival.InTunnel(APP_NAME, false);
        HeaderRewrite rewrite = HeaderRewrite.asLocalhost(APP_PORT, "app", "http");
        assertThat(router.route(get("/", "app"), tunnel, CATALOG)).isEqualTo(new Route.Forward(APP, "/", rewrite));
        assertThat(router.route(get("/@vite/client", "app"), tunnel, CATALOG))
                .isEqualTo(new Route.Forward(APP, "/@vite/client", rewrite));
        assertThat(router.route(req("POST", "/api", "app"), tunnel, CATALOG))
                .isEqualTo(new Route.Forward(APP, "/api", rewrite));
    }

    @Test
    void anInterceptedTunnelWhoseServiceStoppedIsA404NamingWhatStillRuns() {
        RequestRouter router = router(true);
        assertThat(router.planTunnel(Authority.parse("app:443").orElseThrow(), CATALOG))
                .isEqualTo(new TunnelPlan.Intercept(APP_NAME));

        Route afterStop = router.route(get("/x", "app"), new Arrival.InTunnel(APP_NAME, true), ServiceCatalog.empty());

        assertThat(afterStop).isEqualTo(new Route.NotFound("app", List.of()));
    }

    /** app ran at 5173 and is gone; nothing runs. */
    private static final ServiceCatalog APP_STOPPED = ServiceCatalog.empty().withStopped(StoppedServices.none()
            .after(CATALOG, Instant.parse("2026-12-06T21:00:00Z"), ServiceCatalog.empty(), Instant.parse("2026-12-06T21:00:05Z")));
    private static final Route STOPPED_PAGE = new Route.Stopped(APP_STOPPED.stopped().find(APP_NAME).orElseThrow());

    @Test
    void aStoppedServiceIsA503PageByEveryWayItIsAskedFor() {
        RequestRouter router = router(true);

        assertThat(router.route(get("/x", "app.localhost:9090"), DIRECT, APP_STOPPED)).isEqualTo(STOPPED_PAGE);
        assertThat(router.route(get("http://app/x", "app"), DIRECT, APP_STOPPED)).isEqualTo(STOPPED_PAGE);
        assertThat(router.route(get("/x", "app"), new Arrival.InTunnel(APP_NAME, true), APP_STOPPED)).isEqualTo(STOPPED_PAGE);
        assertThat(router.route(get("/x", "app"), new Arrival.InTunnel(APP_NAME, false), APP_STOPPED)).isEqualTo(STOPPED_PAGE);
    }

    @Test
    void aTunnelToAStoppedServiceOpensSoItsRequestsCanBeToldItStopped() {
        assertThat(router(true).planTunnel(Authority.parse("app:443").orElseThrow(), APP_STOPPED))
                .isEqualTo(new TunnelPlan.Intercept(APP_NAME));
        assertThat(router(false).planTunnel(Authority.parse("app:80").orElseThrow(), APP_STOPPED))
                .isEqualTo(new TunnelPlan.PlainHttp(APP_NAME));
        // without a CA there is no way to answer inside its TLS: the browser goes DIRECT, as for any unknown name
        assertThat(router(false).planTunnel(Authority.parse("app:443").orElseThrow(), APP_STOPPED))
                .isEqualTo(new TunnelPlan.Refuse());
        assertThat(router(true).planTunnel(Authority.parse("app:5173").orElseThrow(), APP_STOPPED))
                .isEqualTo(new TunnelPlan.Refuse());
    }

    @Test
    void anUnknownNameWithNothingRunningIsA404NamingNothing() {
        Route route = router(true).route(get("/", "app.localhost:9090"), DIRECT, ServiceCatalog.empty());

        assertThat(route).isEqualTo(new Route.NotFound("app", List.of()));
    }

    @Test
    void aForwardProxyRequestForABareNameThatIsNotRunningIsA404EvenWithACa() {
        Route route = router(true).route(get("http://app/", "app"), DIRECT, ServiceCatalog.empty());

        assertThat(route).isEqualTo(new Route.NotFound("app", List.of()));
    }

    @Test
    void aServiceAtTheDaemonsOwnEndpointIsNeverForwardedToEvenFromAScanMadeBeforeTheDaemonKnewIt() {
        // built without knowing the daemon: what the first scan, before binding, saw
        ServiceCatalog early = ServiceCatalog.of(List.of(Listener.withoutProcess(LOOP_NAME, OWN_PORT)));

        assertThat(router(false).route(get("/", "loop.localhost:9090"), DIRECT, early))
                .isInstanceOf(Route.LoopDetected.class);
        assertThat(router(false).route(get("http://loop/", "loop"), DIRECT, early))
                .isInstanceOf(Route.LoopDetected.class);
        assertThat(router(false).planTunnel(Authority.parse("loop:443").orElseThrow(), early))
                .isEqualTo(new TunnelPlan.Refuse());
    }

    @Test
    void aDaemonNotYetBoundAnswersToNoAddressInTheTarget() {
        RequestRouter unbound = new RequestRouter(new RoutingPolicy(HOME, false, Self.detached("early")));

        assertThat(unbound.route(get("http://127.0.0.1:9090/", "127.0.0.1:9090"), DIRECT, CATALOG))
                .isEqualTo(new Route.Misdirected("127.0.0.1:9090"));
    }

    @Test
    void theLoopPageNamesTheViaChainItFound() {
        Route route = router(true).route(get("/", "app.localhost:9090").withVia("1.1 localhome-other, 1.1 localhome-t0k3n"),
                DIRECT, CATALOG);

        assertThat(route).isInstanceOfSatisfying(Route.LoopDetected.class,
                loop -> assertThat(loop.loop()).contains("localhome-t0k3n").contains("1.1 localhome-other"));
    }

    @Test
    void aDaemonListeningOnBothFamiliesAnswersAtEitherLiteral() {
        Self both = Self.detached("both0");
        both.listeningOn(List.of(Endpoint.loopback(OWN_PORT), new Endpoint("::1", OWN_PORT)));
        RequestRouter router = new RequestRouter(new RoutingPolicy(HOME, false, both));

        assertThat(router.route(get("http://[::1]:9090/", "[::1]:9090"), DIRECT, CATALOG))
                .isEqualTo(new Route.Local(LocalPage.DASHBOARD));
        assertThat(router.route(get("http://[0:0:0:0:0:0:0:1]:9090/", "x"), DIRECT, CATALOG))
                .isEqualTo(new Route.Local(LocalPage.DASHBOARD));
        assertThat(router.route(get("http://127.0.0.1:9090/", "127.0.0.1:9090"), DIRECT, CATALOG))
                .isEqualTo(new Route.Local(LocalPage.DASHBOARD));
    }

    // ---------------------------------------------------------------------------------------------------------------
    // wantedName(...)

    static Stream<Arguments> wantedNames() {
        return Stream.of(
                Arguments.of("an unknown .localhost name is wanted", get("/", "nope.localhost:9090"), DIRECT, "nope"),
                Arguments.of("a known .localhost name is wanted", get("/", "App.localhost"), DIRECT, "app"),
                Arguments.of("a nested .localhost name is wanted", get("/", "api.shop.localhost"), DIRECT, "api.shop"),
                Arguments.of("the daemon's own .localhost name is not wanted", get("/", "home.localhost"), DIRECT, null),
                Arguments.of("the daemon's own name is not wanted", get("/", "home:9090"), DIRECT, null),
                Arguments.of("localhost wants no service", get("/", "localhost:9090"), DIRECT, null),
                Arguments.of("a foreign Host wants no service", get("/", "evil.com"), DIRECT, null),
                Arguments.of("a request without Host wants no service", get("/", null), DIRECT, null),
                Arguments.of("an absolute target wants its host's name", get("http://app/x", "app"), DIRECT, "app"),
                Arguments.of("an absolute target to an unknown name wants it", get("http://nope/", "nope"), DIRECT, "nope"),
                Arguments.of("an absolute .localhost target wants the subdomain",
                        get("http://app.localhost:9090/", "app.localhost:9090"), DIRECT, "app"),
                Arguments.of("an absolute target to the daemon's own name wants nothing",
                        get("http://home/", "home"), DIRECT, null),
                Arguments.of("an absolute target to localhost wants nothing: it is the daemon",
                        get("http://localhost:9090/", "localhost:9090"), DIRECT, null),
                Arguments.of("an absolute target to 127.0.0.1 wants nothing: it is the daemon",
                        get("http://127.0.0.1:9090/", "127.0.0.1:9090"), DIRECT, null),
                Arguments.of("a request in a tunnel wants the tunnel's name",
                        get("/", "evil.com"), new Arrival.InTunnel(APP_NAME, true), "app"),
                Arguments.of("a request in a tunnel to a vanished service wants it",
                        get("/", "gone"), new Arrival.InTunnel(GONE, false), "gone"),
                Arguments.of("an absolute target to another loopback port wants nothing: it is refused",
                        get("http://127.0.0.1:3000/", "127.0.0.1:3000"), DIRECT, null),
                Arguments.of("a request in a tunnel to the daemon wants nothing",
                        get("/", "home"), new Arrival.InTunnel(HOME, true), null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("wantedNames")
    void wantsTheServiceTheRequestAsksFor(String sentence, RequestHead head, Arrival arrival, String expected) {
        assertThat(router(true).wantedName(head, arrival)).isEqualTo(Optional.ofNullable(expected).map(ServiceName::new));
    }

    // ---------------------------------------------------------------------------------------------------------------

    private static void row(List<Arguments> rows, String sentence, RequestHead head, Arrival arrival, Ca ca,
                            Route expected) {
        if (ca != Ca.WITHOUT) rows.add(Arguments.of(sentence + (ca == Ca.EITHER ? " (with a CA)" : ""),
                head, arrival, true, expected));
        if (ca != Ca.WITH) rows.add(Arguments.of(sentence + (ca == Ca.EITHER ? " (without a CA)" : ""),
                head, arrival, false, expected));
    }

    private static RequestHead get(String target, String host) {
        return RequestHead.of("GET", target, host);
    }

    private static RequestHead hosts(String target, String... hosts) {
        return new RequestHead("GET", target, List.of(hosts), List.of());
    }

    private static RequestHead req(String method, String target, String host) {
        return RequestHead.of(method, target, host);
    }

    /** Browsers send the target as {@code Host} on {@code CONNECT}. */
    static RequestHead connect(String target) {
        return RequestHead.of("CONNECT", target, target);
    }
}
