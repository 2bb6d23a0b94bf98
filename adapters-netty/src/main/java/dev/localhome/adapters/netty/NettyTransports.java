package dev.localhome.adapters.netty;

import dev.localhome.application.RequestRouting;
import dev.localhome.application.ServiceListing;
import dev.localhome.application.TunnelPlanning;
import dev.localhome.domain.port.CertificateAuthority;
import dev.localhome.domain.port.ProxyTransport;
import dev.localhome.domain.port.TunnelHandler;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;

/** The Netty transport, for the composition root: the only public door into this module. */
public final class NettyTransports {
    private NettyTransports() {}

    public static ProxyTransport create(RequestRouting routing, ServiceListing listing, CertificateAuthority authority) {
        return create(routing, new TunnelPlanning(routing), listing, authority, ProxyLimits.defaults());
    }

    public static ProxyTransport create(RequestRouting routing, TunnelHandler tunnels, ServiceListing listing,
                                        CertificateAuthority authority, ProxyLimits limits) {
        TlsContexts tls = new TlsContexts(authority, signerThreads(), TlsContexts.bestProvider());
        LocalPages pages = new LocalPages(listing, routing.policy());
        return new NettyProxyTransport(Transport.best(),
                transport -> new ProxyContext(routing, tunnels, new BackendPool(transport), tls, pages, transport, limits));
    }

    /** Certificate signing is CPU work that may take milliseconds: a small pool of its own, off the event loops. */
    private static Executor signerThreads() {
        return Executors.newFixedThreadPool(2, runnable -> {
            Thread thread = new Thread(runnable, "localhome-signer");
            thread.setDaemon(true);
            return thread;
        });
    }
}
