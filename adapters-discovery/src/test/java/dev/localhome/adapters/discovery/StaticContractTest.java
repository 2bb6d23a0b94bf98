package dev.localhome.adapters.discovery;

import dev.localhome.domain.ServiceName;
import dev.localhome.domain.port.ServiceDiscovery;
import dev.localhome.domain.port.ServiceDiscoveryContract;
import java.util.Map;
import java.util.Set;

class StaticContractTest extends ServiceDiscoveryContract {
    @Override
    protected ServiceDiscovery discovery() {
        return Discoveries.staticMappings(Map.of("api", 8080, "docs", 4000));
    }

    @Override
    protected Set<ServiceName> namesThatMustBeFound() {
        return Set.of(new ServiceName("api"), new ServiceName("docs"));
    }
}
