package dev.localhome.adapters.discovery.container;

import dev.localhome.domain.ContainerBridge;
import java.net.Inet4Address;
import java.net.InterfaceAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.Collections;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The container bridges of this host: a network's gateway counts as one when this host holds that very address, with
 * that prefix, on one of its own interfaces (docker0, podman0, a Compose project's {@code br-…}). A network whose
 * gateway lives elsewhere (rootless engines, a VM on macOS) is no bridge of this host, and its addresses are never
 * connected to.
 */
@FunctionalInterface
interface HostBridges {
    /** The bridge with {@code gateway/prefixLength}, when this host has it. */
    Optional<ContainerBridge> find(String gateway, int prefixLength);

    /** This host's interfaces, read at each call: a Compose project's bridge appears when the project starts. */
    static HostBridges ofThisHost() {
        return (gateway, prefixLength) -> {
            try {
                for (NetworkInterface network : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                    if (network.isLoopback() || !network.isUp()) continue;
                    for (InterfaceAddress address : network.getInterfaceAddresses()) {
                        if (address.getAddress() instanceof Inet4Address ipv4
                                && ipv4.getHostAddress().equals(gateway)
                                && address.getNetworkPrefixLength() == prefixLength)
                            return bridge(gateway, prefixLength);
                    }
                }
            } catch (SocketException e) {
                LoggerFactory.getLogger(HostBridges.class).debug("cannot list this host's interfaces: {}", e.toString());
            }
            return Optional.empty();
        };
    }

    /** A bridge of that shape, or empty when the domain refuses it (a public range, say). */
    static Optional<ContainerBridge> bridge(String gateway, int prefixLength) {
        try {
            return Optional.of(new ContainerBridge(gateway, prefixLength));
        } catch (IllegalArgumentException e) {
            Logger log = LoggerFactory.getLogger(HostBridges.class);
            log.debug("the container network at {}/{} is not used: {}", gateway, prefixLength, e.getMessage());
            return Optional.empty();
        }
    }
}
