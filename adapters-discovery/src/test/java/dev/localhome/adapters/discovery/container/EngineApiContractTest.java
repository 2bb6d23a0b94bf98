package dev.localhome.adapters.discovery.container;

import dev.localhome.domain.ServiceName;
import dev.localhome.domain.port.ServiceDiscovery;
import dev.localhome.domain.port.ServiceDiscoveryContract;
import java.time.Clock;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The port's contract, over a real engine running one named container (published) and one on its bridge only. */
class EngineApiContractTest extends ServiceDiscoveryContract {
    private static String published;
    private static String bridged;
    private static EngineApiServiceDiscovery discovery;

    @BeforeAll
    static void runTwoNamedContainers() throws Exception {
        RealEngine engine = RealEngine.require();
        published = engine.run("-e", "NAME=contract-published", "-p", "127.0.0.1::8080");
        bridged = engine.run("-e", "NAME=contract-bridged");
        discovery = new EngineApiServiceDiscovery(() -> EngineSocket.locate(System.getenv()), new ContainerNaming(false),
                new ContainerRoutes(HostBridges.ofThisHost()), Clock.systemUTC());
    }

    @AfterAll
    static void removeThem() {
        if (discovery != null) discovery.close();
        if (published != null) RealEngine.require().remove(published);
        if (bridged != null) RealEngine.require().remove(bridged);
    }

    @Override
    protected ServiceDiscovery discovery() {
        return discovery;
    }

    @Override
    protected Set<ServiceName> namesThatMustBeFound() {
        return Set.of(new ServiceName("contract-published"), new ServiceName("contract-bridged"));
    }
}
