package dev.localhome.adapters.discovery.container;

import dev.localhome.domain.ContainerBridge;
import dev.localhome.domain.Endpoint;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Where a container is reached from this host, and nowhere else: its ports published on a loopback address (a port
 * published on every address, {@code 0.0.0.0} or {@code ::}, is on loopback too); when it publishes none there, its
 * exposed ports at its address on a bridge of this host ({@link HostBridges}). Any other address (a LAN address it
 * is published on, a network whose gateway is not this host's) is never an endpoint.
 */
final class ContainerRoutes {
    private final HostBridges bridges;

    ContainerRoutes(HostBridges bridges) {
        this.bridges = bridges;
    }

    List<Endpoint> endpoints(InspectedContainer container) {
        Set<Endpoint> published = new LinkedHashSet<>();
        for (InspectedContainer.Published port : container.published())
            loopbackAddress(port.hostIp()).ifPresent(address -> published.add(new Endpoint(address, port.hostPort())));
        if (!published.isEmpty()) return new ArrayList<>(published);

        Set<Endpoint> onBridges = new LinkedHashSet<>();
        for (InspectedContainer.Attachment network : container.networks()) {
            Optional<ContainerBridge> bridge = bridges.find(network.gateway(), network.prefixLength());
            if (bridge.isEmpty() || !bridge.get().holds(network.address())) continue;
            for (int port : container.exposed()) onBridges.add(Endpoint.onBridge(bridge.get(), network.address(), port));
        }
        return new ArrayList<>(onBridges);
    }

    /** The loopback address that reaches a port published on {@code hostIp}, if one does. */
    private static Optional<String> loopbackAddress(String hostIp) {
        return switch (hostIp) {
            // "" is how older engines and Podman write "every address"
            case "", "0.0.0.0", "127.0.0.1", "::" -> Optional.of(Endpoint.IPV4_LOOPBACK);
            case "::1" -> Optional.of(Endpoint.IPV6_LOOPBACK);
            default -> Optional.empty();
        };
    }
}
