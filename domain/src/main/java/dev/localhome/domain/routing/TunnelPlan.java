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

    /** Close with no bytes: the browser's PAC {@code DIRECT} fallback takes over. */
    record Refuse() implements TunnelPlan {}
}
