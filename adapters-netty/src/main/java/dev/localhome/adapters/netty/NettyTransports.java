package dev.localhome.adapters.netty;

import dev.localhome.adapters.netty.inbound.ProxyLimits;
import dev.localhome.adapters.netty.routing.ProxyContext;
import dev.localhome.adapters.netty.backend.BackendPool;
import dev.localhome.adapters.netty.forward.BackendResponseHandler;
import dev.localhome.adapters.netty.tunnel.TlsContexts;
import dev.localhome.adapters.netty.pages.LocalPages;
import dev.localhome.adapters.netty.transport.Transport;

import dev.localhome.application.DaemonFacts;
import dev.localhome.application.ServiceListing;
import dev.localhome.application.inspect.RequestLog;
import dev.localhome.domain.ServiceName;
import dev.localhome.domain.port.BackendForwarder;
import dev.localhome.domain.port.CertificateAuthority;
import dev.localhome.domain.port.ProxyTransport;
import dev.localhome.domain.port.RouteResolver;
import dev.localhome.domain.port.TunnelHandler;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;

/** The Netty transport, for the composition root: the only public door into this module. */
public final class NettyTransports {
    private NettyTransports() {}

    /** With default limits; {@code facts} are what the dashboard and {@code /api/status} say about the daemon. */
    public static ProxyTransport create(RouteResolver routing, TunnelHandler tunnels, BackendForwarder forwarder,
                                        ServiceListing listing, CertificateAuthority authority, DaemonFacts facts) {
        return create(routing, tunnels, forwarder, listing, authority, ProxyLimits.defaults(), facts);
    }

    /** With the request inspector on (no headers), as the daemon runs unless configured otherwise. */
    public static ProxyTransport create(RouteResolver routing, TunnelHandler tunnels, BackendForwarder forwarder,
                                        ServiceListing listing, CertificateAuthority authority, ProxyLimits limits,
                                        DaemonFacts facts) {
        return create(routing, tunnels, forwarder, listing, authority, limits, facts,
                new RequestLog(RequestLog.Settings.DEFAULT));
    }

    /**
     * {@code facts} are what the dashboard and {@code /api/status} say about the daemon itself; {@code requests} is
     * the inspector's record, which the proxy writes as it forwards and {@code /api/requests} reads.
     */
    public static ProxyTransport create(RouteResolver routing, TunnelHandler tunnels, BackendForwarder forwarder,
                                        ServiceListing listing, CertificateAuthority authority, ProxyLimits limits,
                                        DaemonFacts facts, RequestLog requests) {
        TlsContexts tls = new TlsContexts(authority, signerThreads(), TlsContexts.bestProvider());
        return new NettyProxyTransport(Transport.best(), tls, transport -> new ProxyContext(routing, tunnels, forwarder,
                new BackendPool(transport, BackendResponseHandler::new), tls,
                new LocalPages(listing, routing.policy(), authority.root(), facts, transport.name(), requests),
                transport, limits, requests));
    }

    /**
     * Builds, then drops, the server TLS context {@code name} would get for its intercepted tunnels: a leaf minted by
     * {@code authority}, in the TLS library the proxy would pick. What the JMH benchmark of a new name times, and a
     * check that the CA and the TLS library work together.
     *
     * @return the TLS library that built it: {@code OPENSSL} (BoringSSL through netty-tcnative) or {@code JDK}
     */
    public static String checkTls(CertificateAuthority authority, ServiceName name) {
        // on the calling thread: the proxy's signer pool adds a hand-off, not work
        TlsContexts tls = new TlsContexts(authority, Runnable::run, TlsContexts.bestProvider());
        tls.forName(name).join();
        return tls.provider().name();
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
