package dev.localhome.adapters.discovery;

import dev.localhome.domain.port.ServiceDiscovery;
import dev.localhome.domain.port.ServiceDiscoveryContract;

class UnsupportedPlatformContractTest extends ServiceDiscoveryContract {
    @Override
    protected ServiceDiscovery discovery() {
        return Discoveries.forOs("Windows 11");
    }
}
