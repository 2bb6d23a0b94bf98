package dev.localhome.application;

import dev.localhome.domain.Endpoint;
import dev.localhome.domain.Self;
import dev.localhome.domain.ServiceCatalog;
import dev.localhome.domain.ServiceName;
import dev.localhome.domain.port.CertificateAuthority;
import dev.localhome.domain.port.ProxyTransport;
import dev.localhome.domain.port.RootCertificate;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The daemon's life: start (listen, then discover), say where it listens, stop. The first scan starts as soon as the
 * port is bound and runs while the daemon already says it listens: a request that arrives before it ends waits for
 * it ({@link RequestRouting}), so the first request still finds every service that was running. Certificates are
 * minted as services appear (the daemon's own name too), not at their first tunnel.
 */
public final class DaemonLifecycle {
    private static final Logger log = LoggerFactory.getLogger(DaemonLifecycle.class);

    /**
     * What is listening, once {@link #start} returned: the port (the one picked for port 0), the CA, and the first
     * scan, still running then.
     */
    public record Listening(String bindHost, int port, ServiceName ownName, Optional<RootCertificate> ca,
                            CompletableFuture<ServiceCatalog> firstScan) {}

    private final ProxyTransport transport;
    private final CertificateAuthority ca;
    private final ServiceRegistry registry;
    private final Self self;

    public DaemonLifecycle(ProxyTransport transport, CertificateAuthority ca, ServiceRegistry registry, Self self) {
        this.transport = transport;
        this.ca = ca;
        this.registry = registry;
        this.self = self;
    }

    /**
     * Binds {@code bindHost:port}, then starts discovery without waiting for its first scan. When binding fails,
     * discovery is stopped and the failure goes to the caller as the transport threw it (Netty rethrows a checked
     * bind error undeclared).
     */
    public Listening start(String bindHost, int port, ServiceName ownName) throws InterruptedException {
        registry.whenServiceAppears(transport::prepareFor);
        transport.prepareFor(ownName);
        int bound;
        try {
            bound = transport.start(bindHost, port);
        } catch (Exception e) { // precise rethrow: only InterruptedException is declared, the rest passes as is
            registry.close();
            stopWatchingTheCa();
            throw e;
        }
        // Only now is the port known (port 0), so the first scan already leaves out whatever points at it (a static
        // mapping to our own port is no service); nothing is forwarded before that scan has ended.
        self.listeningOn(loopbackEndpoints(bindHost, bound));
        CompletableFuture<ServiceCatalog> firstScan = registry.startInBackground();
        return new Listening(bindHost, bound, ownName, ca.root(), firstScan);
    }

    /** Stops accepting, lets requests in flight finish for up to {@code grace}, then stops discovery. */
    public void stop(Duration grace) {
        try {
            transport.stop(grace);
        } finally {
            try {
                registry.close();
            } finally {
                stopWatchingTheCa();
            }
        }
    }

    /** A CA that follows its files on disk (a live one) holds a watcher thread until it is closed. */
    private void stopWatchingTheCa() {
        if (!(ca instanceof AutoCloseable watched)) return;
        try {
            watched.close();
        } catch (Exception e) { // closing a watcher at the end: nothing is left to do about it
            log.debug("stopping the CA watcher: {}", e.toString());
        }
    }

    /**
     * The loopback endpoints where a listener bound to {@code bindHost:port} accepts: what discovery would report for
     * it. A wildcard accepts on 127.0.0.1 (and ::1 when it is IPv6); 127.0.0.1 on ::1 as well; a loopback address on itself; a LAN address on
     * no loopback endpoint at all (its own process is still known by pid).
     */
    static List<Endpoint> loopbackEndpoints(String bindHost, int port) {
        InetAddress address;
        try {
            address = InetAddress.getByName(bindHost);
        } catch (UnknownHostException e) {
            return List.of(); // it was bound, so this cannot happen; no endpoint is the safe answer anyway
        }
        boolean ipv6 = address instanceof Inet6Address;
        if (address.isAnyLocalAddress())
            return ipv6 ? List.of(Endpoint.loopback(port), new Endpoint(Endpoint.IPV6_LOOPBACK, port))
                    : List.of(Endpoint.loopback(port));
        if (!address.isLoopbackAddress()) return List.of();
        // 127.0.0.1 is bound with ::1 beside it (NettyProxyTransport): the daemon is at both
        if (bindHost.equals(Endpoint.IPV4_LOOPBACK))
            return List.of(Endpoint.loopback(port), new Endpoint(Endpoint.IPV6_LOOPBACK, port));
        return List.of(ipv6 ? new Endpoint(Endpoint.IPV6_LOOPBACK, port) : Endpoint.loopback(port));
    }
}
