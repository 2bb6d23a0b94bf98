package dev.localhome.adapters.netty.testing;

import dev.localhome.adapters.netty.NettyTransports;
import dev.localhome.adapters.netty.inbound.ProxyLimits;
import dev.localhome.application.DaemonFacts;
import dev.localhome.application.Forwarding;
import dev.localhome.application.inspect.RequestLog;
import dev.localhome.application.RequestRouting;
import dev.localhome.application.ServiceListing;
import dev.localhome.application.ServiceRegistry;
import dev.localhome.domain.Endpoint;
import dev.localhome.domain.Listener;
import dev.localhome.domain.ProcessInfo;
import dev.localhome.domain.Self;
import dev.localhome.domain.ServiceName;
import dev.localhome.domain.port.CertificateAuthority;
import dev.localhome.domain.port.ProxyTransport;
import dev.localhome.domain.port.RootCertificate;
import dev.localhome.domain.port.ServiceDiscovery;
import dev.localhome.domain.port.TlsIdentity;
import dev.localhome.domain.routing.RoutingPolicy;
import java.time.Duration;
import org.junit.jupiter.api.Assumptions;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The Netty transport on a free loopback port, wired to the real registry and use cases. Services come from a map
 * the test controls (a {@link ServiceDiscovery} source, the port, not a network mock).
 */
public final class ProxyUnderTest implements AutoCloseable {
    /**
     * The transport every proxy under test runs on: the system property {@code localhome.transport} ({@code epoll},
     * {@code io_uring}, {@code nio}; the surefire executions of this module's pom run the proxy suite once per
     * transport), else {@code auto}, as the daemon picks it.
     */
    public static final String TRANSPORT = System.getProperty("localhome.transport", "auto");
    public final Map<String, Integer> services = new ConcurrentHashMap<>();
    /** The process behind a service in {@link #services}, by name; a service without one has no process. */
    public final Map<String, ProcessInfo> processes = new ConcurrentHashMap<>();
    /** Ports a service in {@link #services} listens on besides its own, by name. */
    public final Map<String, List<Integer>> morePorts = new ConcurrentHashMap<>();
    /**
     * The proxy itself: its Via token, and once bound its endpoint. Not this JVM's pid: the test's backends run in
     * this process too, and a daemon leaves its own process's sockets out of what it serves.
     */
    public final Self self = Self.detached("proxy" + Long.toHexString(System.nanoTime()));
    private final ServiceRegistry registry;
    private final ProxyTransport transport;
    private final int port;

    public ProxyUnderTest(CertificateAuthority authority) throws InterruptedException {
        this(authority, ProxyLimits.defaults());
    }

    public ProxyUnderTest(CertificateAuthority authority, ProxyLimits limits) throws InterruptedException {
        this(authority, limits, DaemonFacts.neutral());
    }

    public ProxyUnderTest(CertificateAuthority authority, ProxyLimits limits, DaemonFacts facts) throws InterruptedException {
        this(authority, limits, facts, new RequestLog(RequestLog.Settings.DEFAULT));
    }

    /** With the request inspector's record of the test's choosing (headers recorded, say). */
    public ProxyUnderTest(CertificateAuthority authority, ProxyLimits limits, DaemonFacts facts, RequestLog requests)
            throws InterruptedException {
        ServiceDiscovery source = new ServiceDiscovery() {
            @Override
            public String sourceName() {
                return "test";
            }

            @Override
            public List<Listener> scan() {
                return services.entrySet().stream()
                        .flatMap(e -> java.util.stream.Stream.concat(java.util.stream.Stream.of(e.getValue()),
                                        morePorts.getOrDefault(e.getKey(), List.of()).stream())
                                .map(port -> new Listener(new ServiceName(e.getKey()), Endpoint.loopback(port),
                                        Optional.ofNullable(processes.get(e.getKey())))))
                        .toList();
            }
        };
        assumeTransportLoads();
        registry = new ServiceRegistry(List.of(source), self);
        registry.start();
        RequestRouting routing = new RequestRouting(registry,
                new RoutingPolicy(new ServiceName("home"), authority.root().isPresent(), self));
        NettyTransports.Ports ports = new NettyTransports.Ports(routing, routing, new Forwarding(registry),
                new ServiceListing(registry), authority, requests);
        transport = NettyTransports.create(new NettyTransports.Settings(ports, facts, limits, TRANSPORT));
        port = transport.start("127.0.0.1", 0);
        self.listeningOn(List.of(Endpoint.loopback(port)));
    }

    /**
     * Skips the calling test, saying why, when {@link #TRANSPORT} cannot load here: io_uring needs Linux 5.14+ and no
     * seccomp filter against it (Docker's default profile has one). The default run, on {@code auto}, never skips.
     */
    public static void assumeTransportLoads() {
        NettyTransports.whyTransportUnavailable(TRANSPORT).ifPresent(why ->
                Assumptions.abort("the %s transport cannot load here: %s".formatted(TRANSPORT, why)));
    }

    public static ProxyUnderTest withoutCa() throws InterruptedException {
        return new ProxyUnderTest(NO_CA);
    }

    public int port() {
        return port;
    }

    /** The transport itself, for what the daemon tells it beyond requests (such as a service having appeared). */
    public ProxyTransport transport() {
        return transport;
    }

    @Override
    public void close() {
        transport.stop(Duration.ZERO);
        registry.close();
    }

    public static final CertificateAuthority NO_CA = new CertificateAuthority() {
        @Override
        public Optional<RootCertificate> root() {
            return Optional.empty();
        }

        @Override
        public TlsIdentity identityFor(ServiceName name) {
            throw new IllegalStateException("no CA");
        }
    };
}
