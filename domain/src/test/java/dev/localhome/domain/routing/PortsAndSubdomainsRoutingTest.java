package dev.localhome.domain.routing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.localhome.domain.Endpoint;
import dev.localhome.domain.Listener;
import dev.localhome.domain.ProcessInfo;
import dev.localhome.domain.Self;
import dev.localhome.domain.Service;
import dev.localhome.domain.ServiceCatalog;
import dev.localhome.domain.ServiceName;
import dev.localhome.domain.forward.BackendFailure;
import dev.localhome.domain.forward.ForwardAttempt;
import dev.localhome.domain.forward.ForwardPlan;
import dev.localhome.domain.forward.Recovery;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/** Every port of a process by name ({@code 3001.app.localhost}, {@code http://app:3001/}), and subdomains. */
class PortsAndSubdomainsRoutingTest {
    private static final ServiceName HOME = new ServiceName("home");
    private static final ServiceName APP = new ServiceName("app");
    private static final ServiceName SHOP = new ServiceName("shop");
    private static final ServiceName API_SHOP = new ServiceName("api.shop");
    private static final int OWN_PORT = 9090;
    private static final Self SELF = Self.detached("t0k3n");
    private static final ProcessInfo NODE = new ProcessInfo(200, "node server.js");

    static {
        SELF.listeningOn(List.of(Endpoint.loopback(OWN_PORT)));
    }

    /** app serves pages on 3000 and an API on 3001 (IPv6 only); 9229 is its debugger. */
    private static final ServiceCatalog CATALOG = ServiceCatalog.of(List.of(
            Listener.of(APP, 3000, NODE),
            new Listener(APP, new Endpoint("::1", 3001), Optional.of(NODE)),
            Listener.of(APP, 9229, NODE),
            Listener.withoutProcess(SHOP, 4000),
            Listener.withoutProcess(API_SHOP, 4001)), SELF);
    private static final Service APP_SERVICE = CATALOG.find(APP).orElseThrow();
    private static final Service APP_AT_3001 = APP_SERVICE.atPort(3001).orElseThrow();

    private final RequestRouter router = new RequestRouter(new RoutingPolicy(HOME, true, SELF));
    private final RequestRouter routerWithoutCa = new RequestRouter(new RoutingPolicy(HOME, false, SELF));

    @Test
    void aDigitLabelBeforeTheNameRoutesToThatPortWithTheHostKept() {
        assertThat(direct("3001.app.localhost:9090")).isEqualTo(new Route.Forward(APP_AT_3001, "/x",
                HeaderRewrite.keepHost("3001.app.localhost:9090"), true));
        assertThat(APP_AT_3001.endpoint()).isEqualTo(new Endpoint("::1", 3001));
    }

    @Test
    void theChosenPortNamedByItsNumberIsThatPortToo() {
        assertThat(direct("3000.app.localhost:9090")).isEqualTo(new Route.Forward(APP_SERVICE, "/x",
                HeaderRewrite.keepHost("3000.app.localhost:9090"), true));
    }

    @Test
    void aPortTheProcessDoesNotListenOnIsRefusedLikeAnUnknownName() {
        Route route = direct("3002.app.localhost:9090");

        assertThat(route).isEqualTo(new Route.NotFound("3002.app", List.of(API_SHOP, APP, SHOP)));
        assertThat(route.getClass()).isEqualTo(direct("nope.localhost:9090").getClass());
    }

    @Test
    void theDaemonsOwnPortIsNoPortOfAnyName() {
        assertThat(direct("9090.app.localhost:9090")).isInstanceOf(Route.NotFound.class);
        assertThat(router.planTunnel(Authority.parse("app:9090").orElseThrow(), CATALOG)).isEqualTo(new TunnelPlan.Refuse());
    }

    @Test
    void aSubdomainReachesItsServiceWithTheHostAsSent() {
        assertThat(direct("a.app.localhost:9090")).isEqualTo(new Route.Forward(APP_SERVICE, "/x",
                HeaderRewrite.keepHost("a.app.localhost:9090")));
        assertThat(direct("tenant.3001.app.localhost:9090")).isEqualTo(new Route.Forward(APP_AT_3001, "/x",
                HeaderRewrite.keepHost("tenant.3001.app.localhost:9090"), true));
    }

    @Test
    void theLongestNameAProcessCarriesWinsOverASubdomainOfAShorterOne() {
        Service apiShop = CATALOG.find(API_SHOP).orElseThrow();
        Service shop = CATALOG.find(SHOP).orElseThrow();

        assertThat(direct("api.shop.localhost")).isEqualTo(new Route.Forward(apiShop, "/x",
                HeaderRewrite.keepHost("api.shop.localhost")));
        assertThat(direct("v1.api.shop.localhost")).isEqualTo(new Route.Forward(apiShop, "/x",
                HeaderRewrite.keepHost("v1.api.shop.localhost")));
        assertThat(direct("www.shop.localhost")).isEqualTo(new Route.Forward(shop, "/x",
                HeaderRewrite.keepHost("www.shop.localhost")));
    }

    @Test
    void anAbsoluteTargetWithAPortGoesToThatPortAsLocalhostWithoutARedirect() {
        Route route = router.route(RequestHead.of("GET", "http://app:3001/x", "app:3001"), Arrival.direct(), CATALOG);

        assertThat(route).isEqualTo(new Route.Forward(APP_AT_3001, "/x",
                HeaderRewrite.asLocalhost(3001, "app:3001", "http"), true));
    }

    @Test
    void anAbsoluteTargetToAPortTheProcessDoesNotListenOnIsThe404PageAsForAnUnknownName() {
        assertThat(router.route(RequestHead.of("GET", "http://app:3002/x", "app:3002"), Arrival.direct(), CATALOG))
                .isEqualTo(new Route.NotFound("app:3002", CATALOG.names()));
        assertThat(router.route(RequestHead.of("GET", "http://127.0.0.1:3001/x", "127.0.0.1:3001"), Arrival.direct(), CATALOG))
                .isEqualTo(new Route.Misdirected("127.0.0.1:3001"));
    }

    @Test
    void connectToAPortOfTheServiceTunnelsThereAndLetsTheFirstByteChooseTls() {
        Authority target = Authority.parse("app:3001").orElseThrow();

        assertThat(router.planTunnel(target, CATALOG))
                .isEqualTo(new TunnelPlan.ToPort(APP, new Endpoint("::1", 3001), true));
        assertThat(routerWithoutCa.planTunnel(target, CATALOG))
                .isEqualTo(new TunnelPlan.ToPort(APP, new Endpoint("::1", 3001), false));
    }

    @Test
    void connectToAPortTheProcessDoesNotListenOnOrToAnAddressIsRefused() {
        assertThat(router.planTunnel(Authority.parse("app:3002").orElseThrow(), CATALOG)).isEqualTo(new TunnelPlan.Refuse());
        assertThat(router.planTunnel(Authority.parse("nope:3001").orElseThrow(), CATALOG)).isEqualTo(new TunnelPlan.Refuse());
        assertThat(router.planTunnel(Authority.parse("home:3001").orElseThrow(), CATALOG)).isEqualTo(new TunnelPlan.Refuse());
        assertThat(router.planTunnel(Authority.parse("127.0.0.1:3001").orElseThrow(), CATALOG)).isEqualTo(new TunnelPlan.Refuse());
        assertThat(router.planTunnel(Authority.parse("[::1]:3001").orElseThrow(), CATALOG)).isEqualTo(new TunnelPlan.Refuse());
    }

    @Test
    void requestsInATunnelToAPortGoThereAsLocalhost() {
        Arrival tunnel = new Arrival.InTunnel(APP, true, OptionalInt.of(3001));

        assertThat(router.route(RequestHead.of("GET", "/x", "app:3001"), tunnel, CATALOG)).isEqualTo(new Route.Forward(
                APP_AT_3001, "/x", HeaderRewrite.asLocalhost(3001, "app:3001", "https"), true));
    }

    @Test
    void aTunnelToAPortThatClosedSinceAnswersNotFound() {
        Arrival tunnel = new Arrival.InTunnel(APP, false, OptionalInt.of(3005));

        assertThat(router.route(RequestHead.of("GET", "/x", "app:3005"), tunnel, CATALOG))
                .isEqualTo(new Route.NotFound("app:3005", List.of(API_SHOP, APP, SHOP)));
    }

    @Test
    void aCatalogDecidesARequestOnlyWhenItKnowsThePortItNames() {
        assertThat(router.isDecidable(RequestHead.of("GET", "/", "3001.app.localhost"), Arrival.direct(), CATALOG)).isTrue();
        assertThat(router.isDecidable(RequestHead.of("GET", "/", "a.app.localhost"), Arrival.direct(), CATALOG)).isTrue();
        assertThat(router.isDecidable(RequestHead.of("GET", "/", "3002.app.localhost"), Arrival.direct(), CATALOG)).isFalse();
        assertThat(router.isDecidable(RequestHead.of("GET", "/", "nope.localhost"), Arrival.direct(), CATALOG)).isFalse();
        assertThat(router.isDecidable(RequestHead.of("GET", "http://app:3002/", "app:3002"), Arrival.direct(), CATALOG)).isFalse();
        assertThat(router.isDecidable(RequestHead.of("GET", "http://app:3001/", "app:3001"), Arrival.direct(), CATALOG)).isTrue();
        assertThat(router.isDecidable(Authority.parse("app:3001").orElseThrow(), CATALOG)).isTrue();
        assertThat(router.isDecidable(Authority.parse("app:443").orElseThrow(), CATALOG)).isTrue();
        assertThat(router.isDecidable(Authority.parse("app:3002").orElseThrow(), CATALOG)).isFalse();
        assertThat(router.isDecidable(Authority.parse("evil.com:3002").orElseThrow(), CATALOG)).isFalse();
        assertThat(router.isDecidable(Authority.parse("127.0.0.1:3002").orElseThrow(), CATALOG)).isTrue();
    }

    @Test
    void aForwardToANamedPortFollowsThatPortAloneAfterARefusal() {
        Route.Forward forward = (Route.Forward) direct("3001.app.localhost");
        ForwardAttempt attempt = ForwardAttempt.first(forward);
        Service nowOnIpv4 = ServiceCatalog.of(List.of(Listener.of(APP, 3000, NODE), Listener.of(APP, 3001, NODE)))
                .find(APP).orElseThrow();
        Service withoutIt = ServiceCatalog.of(List.of(Listener.of(APP, 3000, NODE))).find(APP).orElseThrow();

        ForwardPlan moved = Recovery.decide(attempt, new BackendFailure.Refused(), Optional.of(nowOnIpv4));
        ForwardPlan gone = Recovery.decide(attempt, new BackendFailure.Refused(), Optional.of(withoutIt));

        assertThat(moved).isInstanceOf(ForwardPlan.Relocate.class);
        assertThat(((ForwardPlan.Relocate) moved).route().service().endpoint()).isEqualTo(Endpoint.loopback(3001));
        assertThat(gone).isEqualTo(new ForwardPlan.GiveUp("connection refused")); // never app's other port, 3000
    }

    private Route direct(String host) {
        return router.route(RequestHead.of("GET", "/x", host), Arrival.direct(), CATALOG);
    }
}
