package dev.localhome.adapters.discovery.container;

import dev.localhome.domain.port.ServiceDiscovery;
import java.time.Clock;
import java.util.Map;

/** The container discovery source, for the composition root; the implementation stays package-private. */
public final class ContainerDiscoveries {
    private ContainerDiscoveries() {}

    /**
     * Docker or Podman containers with {@code NAME} (and, when {@code composeNames} is on, Compose services as
     * {@code <service>.<project>}), found through the engine socket that {@code environment} points at
     * ({@code DOCKER_HOST}, {@code XDG_RUNTIME_DIR}). Nothing happens until its first scan: creating it connects
     * nowhere. It holds a thread and a connection: close it (the registry does).
     */
    public static ServiceDiscovery engine(Map<String, String> environment, boolean composeNames) {
        Map<String, String> copy = Map.copyOf(environment);
        return new EngineApiServiceDiscovery(() -> EngineSocket.locate(copy), new ContainerNaming(composeNames),
                new ContainerRoutes(HostBridges.ofThisHost()), Clock.systemUTC());
    }
}
