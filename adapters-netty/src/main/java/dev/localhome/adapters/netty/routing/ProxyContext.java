package dev.localhome.adapters.netty.routing;

import dev.localhome.adapters.netty.backend.BackendPool;
import dev.localhome.adapters.netty.forward.ForwardContext;
import dev.localhome.adapters.netty.inbound.ProxyLimits;
import dev.localhome.adapters.netty.pages.LocalPages;
import dev.localhome.adapters.netty.transport.Transport;
import dev.localhome.adapters.netty.tunnel.TlsContexts;
import dev.localhome.adapters.netty.tunnel.TunnelContext;
import dev.localhome.application.port.RequestJournal;
import dev.localhome.domain.port.BackendForwarder;
import dev.localhome.domain.port.RouteResolver;
import dev.localhome.domain.port.TunnelHandler;
import dev.localhome.domain.routing.Arrival;
import io.netty.channel.ChannelHandler;

/**
 * What every connection's handlers share: the use cases, through their ports (where a request goes, what a
 * {@code CONNECT} opens, what to do when a backend fails), the backend pool, TLS contexts and the local pages. Here,
 * beside the router, since it makes routers; forwarding and tunnels see it through the narrower views they declare.
 */
public record ProxyContext(RouteResolver routing, TunnelHandler tunnels, BackendForwarder forwarder, BackendPool backends,
                           TlsContexts tls, LocalPages pages, Transport transport, ProxyLimits limits,
                           RequestJournal requests)
        implements ForwardContext, TunnelContext {

    @Override
    public ChannelHandler router(Arrival arrival) {
        return new RequestRoutingHandler(this, arrival);
    }
}
