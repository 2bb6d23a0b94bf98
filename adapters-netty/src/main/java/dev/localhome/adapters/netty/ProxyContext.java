package dev.localhome.adapters.netty;

import dev.localhome.application.RequestRouting;
import dev.localhome.domain.port.TunnelHandler;

/** What every connection's handlers share: the use cases, the backend pool, TLS contexts and the local pages. */
record ProxyContext(RequestRouting routing, TunnelHandler tunnels, BackendPool backends, TlsContexts tls,
                    LocalPages pages, Transport transport, ProxyLimits limits) {}
