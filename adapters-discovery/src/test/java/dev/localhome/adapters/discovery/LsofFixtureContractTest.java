package dev.localhome.adapters.discovery;

import dev.localhome.domain.ServiceName;
import dev.localhome.domain.port.ServiceDiscovery;
import dev.localhome.domain.port.ServiceDiscoveryContract;
import java.util.Set;

/** The macOS source, its tools answered by fixtures recorded in the shape macOS prints them. */
class LsofFixtureContractTest extends ServiceDiscoveryContract {
    @Override
    protected ServiceDiscovery discovery() {
        return new LsofServiceDiscovery(Fixtures.macTools(Fixtures.text("lsof-listen.txt"),
                Fixtures.text("ps-commands.txt"), Fixtures.text("ps-environments.txt")));
    }

    @Override
    protected Set<ServiceName> namesThatMustBeFound() {
        return Set.of(new ServiceName("web"), new ServiceName("docs"), new ServiceName("api"));
    }
}
