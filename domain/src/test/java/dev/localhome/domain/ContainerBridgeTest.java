package dev.localhome.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ContainerBridgeTest {

    @ParameterizedTest(name = "{0}/{1} is a bridge")
    @CsvSource({"172.17.0.1, 16", "10.88.0.1, 16", "192.168.49.1, 24", "172.31.255.1, 24", "10.0.0.1, 8"})
    void bridgesInPrivateRangesAreAccepted(String gateway, int prefix) {
        assertThat(new ContainerBridge(gateway, prefix).toString()).isEqualTo(gateway + "/" + prefix);
    }

    @ParameterizedTest(name = "{0}/{1} is refused")
    @CsvSource({"203.0.113.1, 24", "8.8.8.1, 24", "172.32.0.1, 16", "172.16.0.1, 8", "192.168.0.1, 12",
            "127.0.0.1, 8", "172.17.0.1, 31", "172.17.0.1, 7", "::1, 64", "localhost, 16", "172.17.0.256, 16"})
    void anythingOutsideAPrivateRangeOrOfAnOddShapeIsRefused(String gateway, int prefix) {
        assertThatIllegalArgumentException().isThrownBy(() -> new ContainerBridge(gateway, prefix));
    }

    @Test
    void holdsTheContainersInsideItsSubnetButNotTheHostNorItsEdges() {
        ContainerBridge compose = new ContainerBridge("172.18.0.1", 16);

        assertThat(compose.holds("172.18.0.2")).isTrue();
        assertThat(compose.holds("172.18.255.254")).isTrue();
        assertThat(compose.holds("172.18.0.1")).as("the gateway is the host").isFalse();
        assertThat(compose.holds("172.18.0.0")).isFalse();
        assertThat(compose.holds("172.18.255.255")).isFalse();
        assertThat(compose.holds("172.19.0.2")).isFalse();
        assertThat(compose.holds("172.018.0.2")).as("a leading zero").isFalse();
        assertThat(compose.holds(null)).isFalse();
    }
}
