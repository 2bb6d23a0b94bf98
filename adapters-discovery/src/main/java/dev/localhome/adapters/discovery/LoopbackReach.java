package dev.localhome.adapters.discovery;

import dev.localhome.domain.Endpoint;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.Optional;

/** Which loopback address reaches a socket bound to a given local address, if any does. */
final class LoopbackReach {
    private LoopbackReach() {}

    /**
     * The loopback address that reaches a listener bound to {@code bound}, or empty when only another interface
     * does (a server bound to 192.168.1.5 is not reachable on loopback, and localhome never connects elsewhere).
     *
     * <p>Java already turns v4-mapped IPv6 addresses ({@code ::ffff:127.0.0.1}) into {@link Inet4Address}es.
     */
    static Optional<String> of(InetAddress bound) {
        if (bound instanceof Inet4Address) {
            return bound.isAnyLocalAddress() || bound.isLoopbackAddress()
                    ? Optional.of(Endpoint.IPV4_LOOPBACK)
                    : Optional.empty();
        }
        // "::" is dual-stack unless IPV6_V6ONLY is set (Linux default net.ipv6.bindv6only=0, macOS likewise),
        // and 127.0.0.1 is what every client tries first.
        if (bound.isAnyLocalAddress()) return Optional.of(Endpoint.IPV4_LOOPBACK);
        if (bound.isLoopbackAddress()) return Optional.of(Endpoint.IPV6_LOOPBACK);
        return Optional.empty();
    }
}
