package dev.localhome.adapters.netty;

import dev.localhome.domain.port.BackendForwarder;
import dev.localhome.domain.port.RouteResolver;
import dev.localhome.domain.port.TunnelHandler;

/**
 * What every connection's handlers share: the use cases, through their ports (where a request goes, what a
 * {@code CONNECT} opens, what to do when a backend fails), the backend pool, TLS contexts and the local pages.
 */
record ProxyContext(RouteResolver routing, TunnelHandler tunnels, BackendForwarder forwarder, BackendPool backends,
                    TlsContexts tls, LocalPages pages, Transport transport, ProxyLimits limits) {}
