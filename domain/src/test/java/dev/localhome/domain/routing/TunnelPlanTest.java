package dev.localhome.domain.routing;

import static dev.localhome.domain.routing.RequestRouterTest.APP_NAME;
import static dev.localhome.domain.routing.RequestRouterTest.APP_PORT;
import static dev.localhome.domain.routing.RequestRouterTest.CATALOG;
import static dev.localhome.domain.routing.RequestRouterTest.HOME;
import static dev.localhome.domain.routing.RequestRouterTest.LOOP_NAME;
import static dev.localhome.domain.routing.RequestRouterTest.connect;
import static dev.localhome.domain.routing.RequestRouterTest.router;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.localhome.domain.Endpoint;
import dev.localhome.domain.ServiceName;
import dev.localhome.domain.routing.RequestRouterTest.Ca;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code CONNECT host:port}, the tunnel decision: one door ({@link RequestRouter#planTunnel}), after the screen every
 * request passes. The catalog is {@link RequestRouterTest}'s: app on 5173 (and 9229), home is the daemon's own name,
 * loop points at the daemon's own port.
 */
class TunnelPlanTest {

    static Stream<Arguments> tunnelContract() {
        List<Arguments> rows = new ArrayList<>();
        row(rows, "CONNECT nope:443 is refused: no leaf is minted for a name that routes nowhere", "nope:443", Ca.EITHER, new TunnelPlan.Refuse());
        row(rows, "CONNECT nope:80 opens a plain tunnel, so its requests get the 404 page listing the services", "nope:80", Ca.EITHER, new TunnelPlan.PlainHttp(new ServiceName("nope")));
        row(rows, "CONNECT example.com:80 is refused: a dotted name is somebody else's host", "example.com:80", Ca.EITHER, new TunnelPlan.Refuse());
        row(rows, "CONNECT example.com:443 is refused", "example.com:443", Ca.EITHER, new TunnelPlan.Refuse());
        row(rows, "CONNECT app:22 is refused: app does not listen there", "app:22", Ca.EITHER, new TunnelPlan.Refuse());
        row(rows, "CONNECT app:5173 with a CA tunnels to that port of app's, intercepting TLS", "app:5173", Ca.WITH, new TunnelPlan.ToPort(APP_NAME, Endpoint.loopback(APP_PORT), true));
        row(rows, "CONNECT app:5173 without a CA tunnels to that port of app's, relaying TLS", "app:5173", Ca.WITHOUT, new TunnelPlan.ToPort(APP_NAME, Endpoint.loopback(APP_PORT), false));
        row(rows, "CONNECT app without a port is refused", "app", Ca.EITHER, new TunnelPlan.Refuse());
        row(rows, "CONNECT [::1]:443 is refused: an address is not a name", "[::1]:443", Ca.EITHER, new TunnelPlan.Refuse());
        row(rows, "CONNECT 127.0.0.1:443 is refused", "127.0.0.1:443", Ca.EITHER, new TunnelPlan.Refuse());
        row(rows, "CONNECT localhost:443 is refused", "localhost:443", Ca.EITHER, new TunnelPlan.Refuse());
        row(rows, "CONNECT user@app:443 is refused", "user@app:443", Ca.EITHER, new TunnelPlan.Refuse());
        row(rows, "CONNECT with garbage as target is refused", "a b", Ca.EITHER, new TunnelPlan.Refuse());
        row(rows, "CONNECT app:80 opens a plain HTTP tunnel to app", "app:80", Ca.EITHER, new TunnelPlan.PlainHttp(APP_NAME));
        row(rows, "CONNECT app:443 with a CA is intercepted", "app:443", Ca.WITH, new TunnelPlan.Intercept(APP_NAME));
        row(rows, "CONNECT APP:443 is matched case-insensitively", "APP:443", Ca.WITH, new TunnelPlan.Intercept(APP_NAME));
        row(rows, "CONNECT app:443 without a CA relays bytes to app's endpoint", "app:443", Ca.WITHOUT, new TunnelPlan.Relay(APP_NAME, Endpoint.loopback(APP_PORT)));
        row(rows, "CONNECT home:443 with a CA is intercepted for the dashboard", "home:443", Ca.WITH, new TunnelPlan.Intercept(HOME));
        row(rows, "CONNECT home:443 without a CA is refused: there is nothing to serve TLS with", "home:443", Ca.WITHOUT, new TunnelPlan.Refuse());
        row(rows, "CONNECT home:80 opens a plain tunnel to the dashboard", "home:80", Ca.EITHER, new TunnelPlan.PlainHttp(HOME));
        row(rows, "CONNECT 127.0.0.1:<own port> opens a plain tunnel to the dashboard", "127.0.0.1:9090", Ca.EITHER, new TunnelPlan.PlainHttp(HOME));
        row(rows, "CONNECT localhost:<own port> opens a plain tunnel to the dashboard", "localhost:9090", Ca.EITHER, new TunnelPlan.PlainHttp(HOME));
        row(rows, "CONNECT 127.0.0.1:<another port> is refused", "127.0.0.1:5173", Ca.EITHER, new TunnelPlan.Refuse());
        row(rows, "CONNECT to a name mapped to the daemon's own port opens a plain tunnel, to say so inside", "loop:80", Ca.EITHER, new TunnelPlan.PlainHttp(LOOP_NAME));
        row(rows, "CONNECT to a name mapped to the daemon's own port is intercepted, to say so inside", "loop:443", Ca.WITH, new TunnelPlan.Intercept(LOOP_NAME));
        row(rows, "CONNECT to a name mapped to the daemon's own port is refused without a CA: never relayed", "loop:443", Ca.WITHOUT, new TunnelPlan.Refuse());
        return rows.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("tunnelContract")
    void plansTheTunnelAsTheContractSays(String sentence, String target, boolean interception, TunnelPlan expected) {
        // as the tunnel set-up asks: a target that is not host:port is refused before any plan
        TunnelPlan actual = Authority.parse(target).map(a -> router(interception).planTunnel(a, CATALOG))
                .orElseGet(TunnelPlan.Refuse::new);

        assertThat(actual).isEqualTo(expected);
    }

    @Test
    void aConnectThatAlreadyCarriesThisLocalhomesViaEntryIsScreenedOutAsALoop() {
        Optional<Route> screened = router(true).screen(connect("app:443").withVia("1.1 localhome-t0k3n"));

        assertThat(screened).get().isInstanceOfSatisfying(Route.LoopDetected.class,
                l -> assertThat(l.loop()).contains("already passed through this localhome"));
    }

    @Test
    void aConnectArrivingDirectlyIsNotRoutedButPlanned() {
        assertThatThrownBy(() -> router(true).route(connect("app:443"), Arrival.direct(), CATALOG))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("planTunnel");
    }

    static Stream<Arguments> wantedNames() {
        return Stream.of(
                Arguments.of("CONNECT wants its target's name", "app:443", "app"),
                Arguments.of("CONNECT to an unknown name wants that name", "nope:443", "nope"),
                Arguments.of("CONNECT to the daemon's own name wants nothing", "home:443", null),
                Arguments.of("CONNECT to an address wants nothing", "[::1]:443", null),
                Arguments.of("CONNECT with user-info wants nothing", "user@app:443", null),
                Arguments.of("CONNECT to localhost wants nothing", "localhost:443", null),
                Arguments.of("CONNECT to an IPv4 address wants nothing", "127.0.0.1:443", null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("wantedNames")
    void wantsTheServiceTheConnectAsksFor(String sentence, String target, String expected) {
        Optional<ServiceName> wanted = Authority.parse(target).flatMap(router(true)::wantedName);

        assertThat(wanted).isEqualTo(Optional.ofNullable(expected).map(ServiceName::new));
    }

    private static void row(List<Arguments> rows, String sentence, String target, Ca ca, TunnelPlan expected) {
        if (ca != Ca.WITHOUT) rows.add(Arguments.of(sentence + (ca == Ca.EITHER ? " (with a CA)" : ""), target, true, expected));
        if (ca != Ca.WITH) rows.add(Arguments.of(sentence + (ca == Ca.EITHER ? " (without a CA)" : ""), target, false, expected));
    }
}
