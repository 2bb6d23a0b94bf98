package dev.localhome.adapters.netty.tunnel;

import dev.localhome.adapters.netty.backend.BackendPool;
import dev.localhome.adapters.netty.inbound.ProxyLimits;
import dev.localhome.domain.port.TunnelHandler;
import dev.localhome.domain.routing.Arrival;
import io.netty.channel.ChannelHandler;

/**
 * What a tunnel's set-up needs of the connection's shared context. A tunnel ends in the same request router plain
 * connections use; it gets one from {@link #router}, so the tunnel package does not depend on routing, which hands
 * connections to it on {@code CONNECT}.
 */
public interface TunnelContext {
    TunnelHandler tunnels();

    ProxyLimits limits();

    TlsContexts tls();

    BackendPool backends();

    /** A new request router for requests that arrive {@code arrival}. */
    ChannelHandler router(Arrival arrival);
}
