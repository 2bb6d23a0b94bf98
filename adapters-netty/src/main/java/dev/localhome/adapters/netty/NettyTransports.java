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
import java.util.List;
import java.util.Optional;
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

    /** On the fastest transport that loads. */
    public static ProxyTransport create(RouteResolver routing, TunnelHandler tunnels, BackendForwarder forwarder,
                                        ServiceListing listing, CertificateAuthority authority, ProxyLimits limits,
                                        DaemonFacts facts, RequestLog requests) {
        return create(routing, tunnels, forwarder, listing, authority, limits, facts, requests, Transport.AUTO);
    }

    /**
     * {@code facts} are what the dashboard and {@code /api/status} say about the daemon itself; {@code requests} is
     * the inspector's record, which the proxy writes as it forwards and {@code /api/requests} reads; the transport
     * is the one called {@code transportName}, one of {@link #transportChoices()} (check it with
     * {@link #whyTransportUnavailable} first, to report a transport that cannot load in the user's terms).
     *
     * @throws IllegalStateException when that transport cannot load on this machine
     */
    public static ProxyTransport create(RouteResolver routing, TunnelHandler tunnels, BackendForwarder forwarder,
                                        ServiceListing listing, CertificateAuthority authority, ProxyLimits limits,
                                        DaemonFacts facts, RequestLog requests, String transportName) {
        Transport chosen = Transport.chosen(transportName);
        TlsContexts tls = new TlsContexts(authority, signerThreads(), TlsContexts.bestProvider());
        return new NettyProxyTransport(chosen, tls, transport -> new ProxyContext(routing, tunnels, forwarder,
                new BackendPool(transport, BackendResponseHandler::new), tls,
                new LocalPages(listing, routing.policy(), authority::root, facts, transport.name(), requests),
                transport, limits, requests));
    }

    /** What the {@code transport} setting accepts: {@code auto} (the fastest that loads), {@code epoll}, {@code io_uring}, {@code nio}. */
    public static List<String> transportChoices() {
        return Transport.CHOICES;
    }

    /** Why the transport {@code transport} cannot load on this machine, or empty when it can. */
    public static Optional<String> whyTransportUnavailable(String transport) {
        return Transport.whyUnavailable(transport);
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
