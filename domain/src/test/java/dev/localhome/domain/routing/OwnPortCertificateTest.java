package dev.localhome.domain.routing;

import static dev.localhome.domain.routing.RequestRouterTest.APP_NAME;
import static dev.localhome.domain.routing.RequestRouterTest.CATALOG;
import static dev.localhome.domain.routing.RequestRouterTest.router;
import static org.assertj.core.api.Assertions.assertThat;

import dev.localhome.domain.Service;
import dev.localhome.domain.ServiceName;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * TLS on the daemon's own port: which leaf a ClientHello's SNI gets ({@link OwnPortCertificate}), and how its requests
 * are forwarded. The catalog is {@link RequestRouterTest}'s: app on 5173 (and 9229), api.shop, home is the daemon.
 */
class OwnPortCertificateTest {
    private static final RoutingPolicy POLICY = router(true).policy();

    static Stream<Arguments> leaves() {
        return Stream.of(
                Arguments.of("no SNI (an address was asked for) gets the localhost leaf", null, "localhost"),
                Arguments.of("localhost gets the localhost leaf, for the dashboard", "localhost", "localhost"),
                Arguments.of("the daemon's own name gets its leaf", "home.localhost", "home.localhost"),
                Arguments.of("a service's name gets a leaf for exactly that host", "app.localhost", "app.localhost"),
                Arguments.of("the SNI is matched case-insensitively", "App.LocalHost", "app.localhost"),
                Arguments.of("a port of the service gets its own leaf", "9229.app.localhost", "9229.app.localhost"),
                Arguments.of("a subdomain of a service gets its own leaf", "a.app.localhost", "a.app.localhost"),
                Arguments.of("a dotted name wins over its suffix", "api.shop.localhost", "api.shop.localhost"),
                Arguments.of("a port the service does not listen on gets none", "22.app.localhost", null),
                Arguments.of("a name that is no service gets none", "nope.localhost", null),
                Arguments.of("a name outside .localhost gets none", "example.com", null),
                Arguments.of("a bare service name gets none: it is no host of this port", "app", null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("leaves")
    void mintsALeafOnlyForAHostThatRoutes(String sentence, String sni, String expected) {
        Optional<ServiceName> leaf = OwnPortCertificate.leafFor(Optional.ofNullable(sni), CATALOG, POLICY);

        assertThat(leaf).isEqualTo(Optional.ofNullable(expected).map(ServiceName::new));
    }

    @Test
    void aRequestOverTlsOnTheOwnPortIsForwardedByHostWithForwardedProtoHttps() {
        Route route = router(true).route(RequestHead.of("GET", "/x", "app.localhost:9090"), Arrival.directOverTls(), CATALOG);

        Service app = CATALOG.find(APP_NAME).orElseThrow();
        assertThat(route).isEqualTo(new Route.Forward(app, "/x", HeaderRewrite.keepHost("app.localhost:9090", "https")));
    }
}
