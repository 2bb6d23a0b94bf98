package dev.localhome.bootstrap.wiring;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import dev.localhome.application.RequestRouting;
import dev.localhome.application.ServiceListing;
import dev.localhome.application.ServiceRegistry;
import dev.localhome.application.TunnelPlanning;
import dev.localhome.bootstrap.config.Config;
import dev.localhome.domain.port.CertificateAuthority;
import dev.localhome.domain.port.ServiceDiscovery;
import dev.localhome.domain.port.TunnelHandler;
import dev.localhome.domain.routing.RoutingPolicy;
import java.util.List;
import java.util.Set;

/** The use cases, over every discovery source bound (ours and plugins'). One registry: every use case shares its cache. */
final class ApplicationModule extends AbstractModule {
    @Provides
    @Singleton
    ServiceRegistry serviceRegistry(Set<ServiceDiscovery> sources) {
        return new ServiceRegistry(List.copyOf(sources));
    }

    /** Interception is on exactly when a CA was found: without one, {@code http://app/} is proxied, not redirected. */
    @Provides
    @Singleton
    RoutingPolicy routingPolicy(Config config, CertificateAuthority ca) {
        return new RoutingPolicy(config.ownName(), ca.root().isPresent(), config.forwardedHeaders());
    }

    @Provides
    @Singleton
    RequestRouting requestRouting(ServiceRegistry registry, RoutingPolicy policy) {
        return new RequestRouting(registry, policy);
    }

    @Provides
    @Singleton
    TunnelPlanning tunnelPlanning(RequestRouting routing) {
        return new TunnelPlanning(routing);
    }

    @Provides
    TunnelHandler tunnelHandler(TunnelPlanning planning) {
        return planning;
    }

    @Provides
    @Singleton
    ServiceListing serviceListing(ServiceRegistry registry) {
        return new ServiceListing(registry);
    }
}
