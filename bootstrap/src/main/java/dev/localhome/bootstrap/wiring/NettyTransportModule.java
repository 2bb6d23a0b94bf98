package dev.localhome.bootstrap.wiring;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import com.google.inject.multibindings.ProvidesIntoOptional;
import dev.localhome.adapters.certs.CertificateAuthorities;
import dev.localhome.adapters.netty.NettyTransports;
import dev.localhome.adapters.netty.inbound.ProxyLimits;
import dev.localhome.application.DaemonFacts;
import dev.localhome.application.ServiceListing;
import dev.localhome.application.inspect.RequestLog;
import dev.localhome.bootstrap.config.BuildInfo;
import dev.localhome.domain.inspect.QueryRedaction;
import dev.localhome.bootstrap.config.Config;
import dev.localhome.bootstrap.config.ConfigException;
import dev.localhome.bootstrap.config.TransportSetting;
import dev.localhome.bootstrap.config.Environment;
import dev.localhome.bootstrap.trust.TrustPlan;
import dev.localhome.bootstrap.trust.TrustStores;
import dev.localhome.domain.port.CertificateAuthority;
import dev.localhome.domain.port.ProxyTransport;
import dev.localhome.domain.port.BackendForwarder;
import dev.localhome.domain.port.RouteResolver;
import dev.localhome.domain.port.TunnelHandler;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/**
 * The proxy server. Bound as an optional binding's <em>default</em>, so a plugin replaces it with
 * {@code OptionalBinder.newOptionalBinder(binder(), ProxyTransport.class).setBinding().to(...)} and no other change.
 */
final class NettyTransportModule extends AbstractModule {
    private final List<String> pluginNames;

    NettyTransportModule(List<String> pluginNames) {
        this.pluginNames = List.copyOf(pluginNames);
    }

    @ProvidesIntoOptional(ProvidesIntoOptional.Type.DEFAULT)
    @Singleton
    ProxyTransport netty(RouteResolver routing, TunnelHandler tunnels, BackendForwarder forwarder,
                         ServiceListing listing, CertificateAuthority ca, DaemonFacts facts, Config config,
                         RequestLog requests) {
        ProxyLimits limits = ProxyLimits.defaults().withHttp2WebSockets(config.http2WebSockets())
                .withBackendTimeout(config.backendTimeout());
        String transport = loadable(config.transport(), NettyTransports::whyTransportUnavailable);
        NettyTransports.Ports ports = new NettyTransports.Ports(routing, tunnels, forwarder, listing, ca, requests);
        return NettyTransports.create(new NettyTransports.Settings(ports, facts, limits, transport));
    }

    /**
     * The transport the user chose, when it loads here. One that cannot load is a start-up error, not a fallback:
     * whoever names a transport does it for a reason (a benchmark, a way around a transport's bug) that a silent
     * switch to another would defeat, and {@code auto} is there for "whatever works" (it never fails: NIO loads
     * everywhere).
     *
     * @throws ConfigException naming where the choice was made, the transport and why it cannot load
     */
    static String loadable(TransportSetting setting, Function<String, Optional<String>> whyUnavailable) {
        whyUnavailable.apply(setting.name()).ifPresent(why -> {
            throw new ConfigException(("%s: the %s transport cannot load on this machine: %s — choose \"auto\" (the "
                    + "fastest that loads) or another of epoll, io_uring, nio").formatted(setting.origin(), setting.name(), why));
        });
        return setting.name();
    }

    /** The request inspector's record: what {@code /api/requests} and {@code localhome requests} show. */
    @Provides
    @Singleton
    RequestLog requestLog(Config config) {
        return new RequestLog(new RequestLog.Settings(config.inspector(), config.inspectHeaders(),
                QueryRedaction.withDefaultsAnd(config.inspectRedactQuery())));
    }

    /**
     * What the dashboard and {@code /api/status} say about the daemon: built with the transport, so its start time is
     * the daemon's; the trust steps are the text of the plan {@code localhome ca trust} runs, for this machine's stores.
     */
    @Provides
    @Singleton
    DaemonFacts daemonFacts(Config config, Environment environment, CertificateAuthority ca) {
        List<DaemonFacts.TrustStep> steps = ca.root()
                .map(root -> TrustPlan.toTrustEverywhere(root, TrustStores.of(environment, Path.of("/"))).steps())
                .orElse(List.of()).stream()
                .map(step -> new DaemonFacts.TrustStep(step.store(), step.command()))
                .toList();
        return new DaemonFacts(version(), Instant.now(), config.bindHost(), pluginNames, steps);
    }

    /** The version and the build, as {@code --version} prints them ({@link BuildInfo}). */
    private static String version() {
        return BuildInfo.current().describe();
    }
}
