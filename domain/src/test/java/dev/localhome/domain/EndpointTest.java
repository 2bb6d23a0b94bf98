package dev.localhome.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EndpointTest {

    @Test
    void bothLoopbackAddressesAreEndpoints() {
        assertThat(new Endpoint("127.0.0.1", 5173).toString()).isEqualTo("127.0.0.1:5173");
        assertThat(new Endpoint("::1", 5173).toString()).isEqualTo("[::1]:5173");
        assertThat(Endpoint.loopback(3000)).isEqualTo(new Endpoint("127.0.0.1", 3000));
    }

    @ParameterizedTest(name = "''{0}'' is refused: localhome never connects off loopback")
    @ValueSource(strings = {"0.0.0.0", "192.168.1.10", "10.0.0.1", "example.com", "localhost", "", "::", "8.8.8.8"})
    void anAddressOffLoopbackIsNotAnEndpoint(String address) {
        assertThatIllegalArgumentException().isThrownBy(() -> new Endpoint(address, 80)).withMessageContaining("loopback");
    }

    @Test
    void aContainersAddressOnABridgeOfThisHostIsAnEndpoint() {
        ContainerBridge docker0 = new ContainerBridge("172.17.0.1", 16);

        Endpoint endpoint = Endpoint.onBridge(docker0, "172.17.0.2", 8080);

        assertThat(endpoint.isLoopback()).isFalse();
        assertThat(endpoint.toString()).isEqualTo("172.17.0.2:8080");
        assertThat(Endpoint.loopback(8080).isLoopback()).isTrue();
    }

    @ParameterizedTest(name = "''{0}'' is not a container on 172.17.0.1/16, and so no endpoint")
    @ValueSource(strings = {"172.18.0.2", "172.17.0.1", "172.17.0.0", "172.17.255.255", "8.8.8.8", "192.168.1.10",
            "127.0.0.1", "::1", "example.com", "172.17.0.02", "172.17.0", "172.17.0.2.5", ""})
    void anAddressOffTheBridgeIsNotAnEndpointEvenForAContainer(String address) {
        ContainerBridge docker0 = new ContainerBridge("172.17.0.1", 16);

        assertThatIllegalArgumentException().isThrownBy(() -> Endpoint.onBridge(docker0, address, 80))
                .withMessageContaining("bridge");
    }

    @Test
    void aMissingAddressIsNotAnEndpoint() {
        assertThatIllegalArgumentException().isThrownBy(() -> new Endpoint(null, 80));
    }

    @ParameterizedTest(name = "port {0} is not a TCP port")
    @ValueSource(ints = {0, -1, 65_536, Integer.MAX_VALUE, Integer.MIN_VALUE})
    void aPortOutsideOneTo65535IsRefused(int port) {
        assertThatIllegalArgumentException().isThrownBy(() -> Endpoint.loopback(port));
        assertThatIllegalArgumentException().isThrownBy(() -> new Endpoint("::1", port));
    }

    @Test
    void theExtremePortsAreAccepted() {
        assertThat(Endpoint.loopback(1).port()).isEqualTo(1);
        assertThat(Endpoint.loopback(65_535).port()).isEqualTo(65_535);
    }
}
