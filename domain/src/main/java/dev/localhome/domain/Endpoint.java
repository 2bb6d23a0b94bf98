package dev.localhome.domain;

import java.util.Objects;
import java.util.Optional;

/**
 * Where a service listens. A loopback address, or a container's address on one of this host's container bridges
 * ({@link ContainerBridge}): localhome never connects anywhere else, so it can never be an open proxy.
 *
 * @param bridge the container bridge {@code address} lies on; empty for a loopback endpoint
 */
public record Endpoint(String address, int port, Optional<ContainerBridge> bridge) {
    public static final String IPV4_LOOPBACK = "127.0.0.1";
    public static final String IPV6_LOOPBACK = "::1";

    public Endpoint {
        Objects.requireNonNull(bridge, "bridge");
        if (bridge.isEmpty() && !IPV4_LOOPBACK.equals(address) && !IPV6_LOOPBACK.equals(address))
            throw new IllegalArgumentException("not a loopback address: '%s'".formatted(address));
        if (bridge.isPresent() && !bridge.get().holds(address))
            throw new IllegalArgumentException("not a container's address on the bridge %s: '%s'"
                    .formatted(bridge.get(), address));
        if (port < 1 || port > 65_535)
            throw new IllegalArgumentException("not a TCP port: %d".formatted(port));
    }

    /** A loopback endpoint: {@code address} is 127.0.0.1 or ::1. */
    public Endpoint(String address, int port) {
        this(address, port, Optional.empty());
    }

    public static Endpoint loopback(int port) {
        return new Endpoint(IPV4_LOOPBACK, port);
    }

    /** A container's {@code address} on {@code bridge}, a bridge of this host's. */
    public static Endpoint onBridge(ContainerBridge bridge, String address, int port) {
        return new Endpoint(address, port, Optional.of(bridge));
    }

    public boolean isLoopback() {
        return bridge.isEmpty();
    }

    @Override
    public String toString() {
        return (address.indexOf(':') >= 0 ? "[" + address + "]" : address) + ":" + port;
    }
}
