package dev.localhome.adapters.netty;

import dev.localhome.adapters.netty.inbound.ProxyLimits;
import dev.localhome.adapters.netty.routing.ProxyContext;
import dev.localhome.adapters.netty.backend.BackendPool;
import dev.localhome.adapters.netty.forward.BackendResponseHandler;
import dev.localhome.adapters.netty.tunnel.TlsContexts;
import dev.localhome.adapters.netty.pages.LocalPages;
import dev.localhome.adapters.netty.transport.Transport;

import dev.localhome.application.DaemonFacts;
import dev.localhome.application.port.RequestJournal;
import dev.localhome.application.port.ServiceDirectory;
import dev.localhome.domain.ServiceName;
import dev.localhome.domain.port.BackendForwarder;
import dev.localhome.domain.port.CertificateAuthority;
import dev.localhome.domain.port.ProxyTransport;
import dev.localhome.domain.port.RouteResolver;
import dev.localhome.domain.port.TunnelHandler;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;

/** The Netty transport, for the composition root: the only public door into this module. */
public final class NettyTransports {
    private NettyTransports() {}

    /**
     * The use cases the proxy serves, through their ports, and the outbound ports it uses.
     *
     * @param requests the inspector's record, which the proxy writes as it forwards and {@code /api/requests} reads
     */
    public record Ports(RouteResolver routing, TunnelHandler tunnels, BackendForwarder forwarder,
                        ServiceDirectory listing, CertificateAuthority authority, RequestJournal requests) {
        public Ports {
            Objects.requireNonNull(routing, "routing");
            Objects.requireNonNull(tunnels, "tunnels");
            Objects.requireNonNull(forwarder, "forwarder");
            Objects.requireNonNull(listing, "listing");
            Objects.requireNonNull(authority, "authority");
            Objects.requireNonNull(requests, "requests");
        }
    }

    /**
     * Everything the transport is made from.
     *
     * @param facts     what the dashboard and {@code /api/status} say about the daemon itself
     * @param transport one of {@link #transportChoices()} (check it with {@link #whyTransportUnavailable} first, to
     *                  report a transport that cannot load in the user's terms)
     */
    public record Settings(Ports ports, DaemonFacts facts, ProxyLimits limits, String transport) {
        public Settings {
            Objects.requireNonNull(ports, "ports");
            Objects.requireNonNull(facts, "facts");
            Objects.requireNonNull(limits, "limits");
            Objects.requireNonNull(transport, "transport");
        }

        /** Default limits, on the fastest transport that loads. */
        public Settings(Ports ports, DaemonFacts facts) {
            this(ports, facts, ProxyLimits.defaults(), Transport.AUTO);
        }
    }

    /** @throws IllegalStateException when the chosen transport cannot load on this machine */
    public static ProxyTransport create(Settings settings) {
        Ports ports = settings.ports();
        Transport chosen = Transport.chosen(settings.transport());
        TlsContexts tls = new TlsContexts(ports.authority(), signerThreads(), TlsContexts.bestProvider());
        return new NettyProxyTransport(chosen, tls, transport -> new ProxyContext(ports.routing(), ports.tunnels(),
                ports.forwarder(), new BackendPool(transport, BackendResponseHandler::new, settings.limits().backendTimeout()), tls,
                new LocalPages(ports.listing(), ports.routing().policy(), ports.authority()::root, settings.facts(),
                        transport.name(), ports.requests()),
                transport, settings.limits(), ports.requests()));
    }

    /**
     * Loads, on a thread of its own, the native code the proxy will need (BoringSSL through netty-tcnative, the epoll
     * or io_uring transport), so that a start does it while the daemon reads its configuration and its CA instead of
     * after. Class initialisation is thread-safe: whoever needs a library first waits for this load, never loads it
     * twice. Optional: the proxy works the same without it.
     */
    public static void loadNativeCodeInBackground() {
        Thread loader = new Thread(() -> {
            TlsContexts.bestProvider();
            Transport.best(); // loads the first native transport that works, as the proxy will
        }, "localhome-native-load");
        loader.setDaemon(true);
        loader.start();
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
