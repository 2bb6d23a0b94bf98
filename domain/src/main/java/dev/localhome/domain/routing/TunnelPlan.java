package dev.localhome.domain.routing;

import dev.localhome.domain.Endpoint;
import dev.localhome.domain.ServiceName;

/** What to do with {@code CONNECT host:port}. */
public sealed interface TunnelPlan {
    /** Answer {@code 200}, then terminate TLS on the same socket with a certificate for {@code name}. */
    record Intercept(ServiceName name) implements TunnelPlan {}

    /** Answer {@code 200}, then keep speaking HTTP on the socket, every request going to {@code name}. */
    record PlainHttp(ServiceName name) implements TunnelPlan {}

    /** Answer {@code 200}, then relay raw bytes: the service speaks TLS itself and there is no CA to intercept with. */
    record Relay(ServiceName name, Endpoint backend) implements TunnelPlan {}

    /**
     * {@code CONNECT name:port} for one of the service's own ports: answer {@code 200}, then let the client's first
     * byte decide, since {@code https://app:3000/} and a WebSocket to {@code ws://app:3000/} both arrive this way. A
     * TLS handshake is intercepted with the same certificate as {@code https://name/} when {@code intercept} is on, and
     * relayed raw to {@code backend} when it is not; anything else is HTTP, every request going to {@code backend}.
     */
    record ToPort(ServiceName name, Endpoint backend, boolean intercept) implements TunnelPlan {}

    /** Close with no bytes: the browser's PAC {@code DIRECT} fallback takes over. */
    record Refuse() implements TunnelPlan {}
}
