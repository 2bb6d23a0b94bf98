package dev.localhome.adapters.netty.testing;

import dev.localhome.adapters.netty.backend.BackendPool;
import dev.localhome.adapters.netty.forward.BackendResponseHandler;
import dev.localhome.adapters.netty.inbound.ProxyLimits;
import dev.localhome.adapters.netty.pages.LocalPages;
import dev.localhome.adapters.netty.routing.ProxyContext;
import dev.localhome.adapters.netty.transport.Transport;
import dev.localhome.adapters.netty.tunnel.TlsContexts;
import dev.localhome.application.DaemonFacts;
import dev.localhome.application.Forwarding;
import dev.localhome.application.RequestRouting;
import dev.localhome.application.ServiceListing;
import dev.localhome.application.ServiceRegistry;
import dev.localhome.application.inspect.RequestLog;
import dev.localhome.domain.Endpoint;
import dev.localhome.domain.Listener;
import dev.localhome.domain.Self;
import dev.localhome.domain.ServiceName;
import dev.localhome.domain.port.CertificateAuthority;
import dev.localhome.domain.port.ServiceDiscovery;
import dev.localhome.domain.routing.RoutingPolicy;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A real {@link ProxyContext}, wired to the real registry and use cases the way {@link ProxyUnderTest} wires them,
 * without a listener: for pipelines driven on an EmbeddedChannel. Services come from a map the test controls.
 */
public final class WiredContext implements AutoCloseable {
    public final Map<String, Integer> services = new ConcurrentHashMap<>();
    private final ServiceRegistry registry;
    private final ProxyContext context;

    public WiredContext(CertificateAuthority authority, ProxyLimits limits, Map<String, Integer> initial) {
        services.putAll(initial);
        Self self = Self.detached("proxy" + Long.toHexString(System.nanoTime()));
        ServiceDiscovery source = new ServiceDiscovery() {
            @Override
            public String sourceName() {
                return "test";
            }

            @Override
            public List<Listener> scan() {
                return services.entrySet().stream()
                        .map(e -> new Listener(new ServiceName(e.getKey()), Endpoint.loopback(e.getValue()), Optional.empty()))
                        .toList();
            }
        };
        registry = new ServiceRegistry(List.of(source), self);
        registry.start();
        RoutingPolicy policy = new RoutingPolicy(new ServiceName("home"), authority.root().isPresent(), self);
        RequestRouting routing = new RequestRouting(registry, policy);
        ProxyUnderTest.assumeTransportLoads();
        Transport transport = Transport.chosen(ProxyUnderTest.TRANSPORT);
        TlsContexts tls = new TlsContexts(authority, Runnable::run, TlsContexts.bestProvider());
        RequestLog requests = new RequestLog(RequestLog.Settings.DEFAULT);
        context = new ProxyContext(routing, routing, new Forwarding(registry), new BackendPool(transport, BackendResponseHandler::new, limits.backendTimeout()), tls,
                new LocalPages(new ServiceListing(registry), policy, authority::root, DaemonFacts.neutral(), transport.name(), requests),
                transport, limits, requests);
    }

    public ProxyContext context() {
        return context;
    }

    @Override
    public void close() {
        registry.close();
    }
}
