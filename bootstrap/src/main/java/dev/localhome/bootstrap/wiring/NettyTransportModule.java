package dev.localhome.bootstrap.wiring;

import com.google.inject.AbstractModule;
import com.google.inject.Singleton;
import com.google.inject.multibindings.ProvidesIntoOptional;
import dev.localhome.adapters.netty.NettyTransports;
import dev.localhome.application.RequestRouting;
import dev.localhome.application.ServiceListing;
import dev.localhome.domain.port.CertificateAuthority;
import dev.localhome.domain.port.ProxyTransport;
import dev.localhome.domain.port.TunnelHandler;

/**
 * The proxy server. Bound as an optional binding's <em>default</em>, so a plugin replaces it with
 * {@code OptionalBinder.newOptionalBinder(binder(), ProxyTransport.class).setBinding().to(...)} and no other change.
 */
final class NettyTransportModule extends AbstractModule {
    @ProvidesIntoOptional(ProvidesIntoOptional.Type.DEFAULT)
    @Singleton
    ProxyTransport netty(RequestRouting routing, TunnelHandler tunnels, ServiceListing listing, CertificateAuthority ca) {
        return NettyTransports.create(routing, tunnels, listing, ca);
    }
}
