package dev.localhome.domain.routing;

import dev.localhome.domain.ServiceName;

/** How a request reached the daemon: straight to its socket, or inside a tunnel a {@code CONNECT} opened. */
public sealed interface Arrival {
    /** Straight to the listener: reverse proxy by {@code Host}, or a forward-proxy request in absolute form. */
    record Direct() implements Arrival {}

    /** Inside the tunnel of {@code CONNECT name:80} (plain) or an intercepted {@code CONNECT name:443} (tls). */
    record InTunnel(ServiceName name, boolean tls) implements Arrival {}

    static Arrival direct() {
        return new Direct();
    }
}
