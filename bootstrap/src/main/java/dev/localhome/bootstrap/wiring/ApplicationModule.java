package dev.localhome.bootstrap.wiring;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import dev.localhome.application.DaemonLifecycle;
import dev.localhome.application.Forwarding;
import dev.localhome.application.RequestRouting;
import dev.localhome.application.ServiceListing;
import dev.localhome.application.ServiceRegistry;
import dev.localhome.bootstrap.config.Config;
import dev.localhome.domain.Self;
import dev.localhome.domain.port.CertificateAuthority;
import dev.localhome.domain.port.ServiceDiscovery;
import dev.localhome.domain.port.BackendForwarder;
import dev.localhome.domain.port.ProxyTransport;
import dev.localhome.domain.port.RouteResolver;
import dev.localhome.domain.port.TunnelHandler;
import dev.localhome.domain.routing.RoutingPolicy;
import java.util.List;
import java.util.Set;

/** The use cases, over every discovery source bound (ours and plugins'). One registry: every use case shares its cache. */
final class ApplicationModule extends AbstractModule {
    /** The daemon itself: this process, a fresh Via token; the daemon tells it its endpoints once it is bound. */
    @Provides
    @Singleton
    Self self() {
        return Self.ofThisProcess();
    }

    @Provides
    @Singleton
    ServiceRegistry serviceRegistry(Set<ServiceDiscovery> sources, Self self) {
        return new ServiceRegistry(List.copyOf(sources), self);
    }

    /**
     * Interception is on exactly while there is a CA (asked at each request: the CA is live): without one,
     * {@code http://app/} is proxied, not redirected.
     */
    @Provides
    @Singleton
    RoutingPolicy routingPolicy(Config config, CertificateAuthority ca, Self self) {
        return new RoutingPolicy(config.ownName(), () -> ca.root().isPresent(), self, config.forwardedHeaders());
    }

    @Provides
    @Singleton
    RequestRouting requestRouting(ServiceRegistry registry, RoutingPolicy policy) {
        return new RequestRouting(registry, policy);
    }

    @Provides
    TunnelHandler tunnelHandler(RequestRouting routing) {
        return routing;
    }

    @Provides
    RouteResolver routeResolver(RequestRouting routing) {
        return routing;
    }

    @Provides
    @Singleton
    BackendForwarder backendForwarder(ServiceRegistry registry) {
        return new Forwarding(registry);
    }

    @Provides
    @Singleton
    ServiceListing serviceListing(ServiceRegistry registry) {
        return new ServiceListing(registry);
    }

    /** The daemon's start and stop, over the transport bound (ours or a plugin's). */
    @Provides
    @Singleton
    DaemonLifecycle daemonLifecycle(ProxyTransport transport, CertificateAuthority ca, ServiceRegistry registry,
                                    Self self) {
        return new DaemonLifecycle(transport, ca, registry, self);
    }
}
