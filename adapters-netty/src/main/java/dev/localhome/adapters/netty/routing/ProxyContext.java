package dev.localhome.adapters.netty.routing;

import dev.localhome.adapters.netty.inbound.ProxyLimits;
import dev.localhome.adapters.netty.forward.BackendPool;
import dev.localhome.adapters.netty.tunnel.TlsContexts;
import dev.localhome.adapters.netty.pages.LocalPages;
import dev.localhome.adapters.netty.transport.Transport;

import dev.localhome.application.RequestRouting;
import dev.localhome.domain.port.TunnelHandler;

/** What every connection's handlers share: the use cases, the backend pool, TLS contexts and the local pages. */
public record ProxyContext(RequestRouting routing, TunnelHandler tunnels, BackendPool backends, TlsContexts tls,
                    LocalPages pages, Transport transport, ProxyLimits limits) {}
