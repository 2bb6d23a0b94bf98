package dev.localhome.adapters.discovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.localhome.domain.Listener;
import dev.localhome.domain.ServiceName;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StaticServiceDiscoveryTest {

    @Test
    void eachMappingIsAListenerOnIpv4LoopbackWithoutProcess() {
        assertThat(new StaticServiceDiscovery(Map.of("api", 8080, "Shop.Admin", 9000)).scan()).containsExactly(
                Listener.withoutProcess(new ServiceName("api"), 8080),
                Listener.withoutProcess(new ServiceName("shop.admin"), 9000));
    }

    @Test
    void anInvalidNameIsRejectedWithTheEntryNamed() {
        assertThatThrownBy(() -> new StaticServiceDiscovery(Map.of("my api", 8080)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("services: 'my api' is not a service name");
    }

    @Test
    void aPortOutOfRangeIsRejectedWithTheEntryNamed() {
        assertThatThrownBy(() -> new StaticServiceDiscovery(Map.of("api", 70_000)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("services.api: 70000 is not a TCP port (1 to 65535)");
        assertThatThrownBy(() -> new StaticServiceDiscovery(Map.of("api", 0)))
                .hasMessageContaining("services.api: 0 is not a TCP port");
    }

    @Test
    void aMissingPortIsRejected() {
        Map<String, Integer> services = new HashMap<>();
        services.put("api", null);

        assertThatThrownBy(() -> new StaticServiceDiscovery(services))
                .hasMessageContaining("services.api: null is not a TCP port");
    }

    @Test
    void namesDifferingOnlyInCaseAreOneNameMappedTwice() {
        assertThatThrownBy(() -> new StaticServiceDiscovery(Map.of("api", 8080, "API", 8081)))
                .hasMessage("services: 'api' is mapped twice");
    }

    @Test
    void noMappingsFindNothing() {
        assertThat(new StaticServiceDiscovery(Map.of()).scan()).isEmpty();
    }
}
