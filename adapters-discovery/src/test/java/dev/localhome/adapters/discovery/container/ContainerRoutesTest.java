package dev.localhome.adapters.discovery.container;

import static org.assertj.core.api.Assertions.assertThat;

import dev.localhome.domain.ContainerBridge;
import dev.localhome.domain.Endpoint;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ContainerRoutesTest {
    private static final HostBridges DOCKER0 = (gateway, prefix) ->
            gateway.equals("172.17.0.1") && prefix == 16 ? Optional.of(new ContainerBridge(gateway, prefix)) : Optional.empty();
    private final ContainerRoutes routes = new ContainerRoutes(DOCKER0);

    private static InspectedContainer container(List<InspectedContainer.Published> published,
                                                List<InspectedContainer.Attachment> networks) {
        return new InspectedContainer("0123456789abcdef", "c", "img", true, 42, "httpd", "/", Optional.empty(),
                Optional.of("c"), Optional.empty(), Optional.empty(), false, published, List.of(8080), networks);
    }

    private static final InspectedContainer.Attachment ON_DOCKER0 =
            new InspectedContainer.Attachment("bridge", "172.17.0.5", "172.17.0.1", 16);

    @Test
    void aPortPublishedOnLoopbackOrEverywhereIsReachedOnLoopback() {
        List<Endpoint> endpoints = routes.endpoints(container(List.of(
                new InspectedContainer.Published(8080, "127.0.0.1", 32768),
                new InspectedContainer.Published(8081, "0.0.0.0", 32769),
                new InspectedContainer.Published(8082, "::1", 32770),
                new InspectedContainer.Published(8083, "", 32771)), List.of(ON_DOCKER0)));

        assertThat(endpoints).containsExactly(Endpoint.loopback(32768), Endpoint.loopback(32769),
                new Endpoint("::1", 32770), Endpoint.loopback(32771));
    }

    @Test
    void withNoLoopbackPortTheExposedPortsAreReachedOnTheBridgeAddress() {
        List<Endpoint> endpoints = routes.endpoints(container(List.of(
                new InspectedContainer.Published(8080, "192.168.1.20", 8080)), List.of(ON_DOCKER0)));

        assertThat(endpoints).containsExactly(Endpoint.onBridge(new ContainerBridge("172.17.0.1", 16), "172.17.0.5", 8080));
    }

    @Test
    void anAddressOnANetworkWhoseGatewayIsNotThisHostsIsNeverAnEndpoint() {
        InspectedContainer.Attachment elsewhere = new InspectedContainer.Attachment("vpn", "10.8.0.5", "10.8.0.1", 24);

        assertThat(routes.endpoints(container(List.of(), List.of(elsewhere)))).isEmpty();
    }

    @Test
    void anAddressOutsideItsOwnNetworksSubnetIsNeverAnEndpoint() {
        // a gateway that is this host's, and an address the engine claims is on it but is not: a public address
        InspectedContainer.Attachment lying = new InspectedContainer.Attachment("bridge", "8.8.8.8", "172.17.0.1", 16);
        InspectedContainer.Attachment theHost = new InspectedContainer.Attachment("bridge", "172.17.0.1", "172.17.0.1", 16);

        assertThat(routes.endpoints(container(List.of(), List.of(lying, theHost)))).isEmpty();
    }

    @Test
    void aPortPublishedOnlyOnAnotherAddressAndNoBridgeLeavesNoEndpoint() {
        assertThat(routes.endpoints(container(List.of(new InspectedContainer.Published(8080, "192.168.1.20", 80)),
                List.of()))).isEmpty();
    }
}
