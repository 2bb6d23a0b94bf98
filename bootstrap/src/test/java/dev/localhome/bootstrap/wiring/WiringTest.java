package dev.localhome.bootstrap.wiring;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.inject.AbstractModule;
import com.google.inject.Injector;
import com.google.inject.Key;
import com.google.inject.TypeLiteral;
import com.google.inject.multibindings.OptionalBinder;
import dev.localhome.application.RequestRouting;
import dev.localhome.application.ServiceListing;
import dev.localhome.bootstrap.config.Config;
import dev.localhome.bootstrap.config.Environment;
import dev.localhome.domain.Self;
import dev.localhome.domain.ServiceName;
import dev.localhome.domain.port.ProxyTransport;
import dev.localhome.domain.port.ServiceDiscovery;
import dev.localhome.domain.port.TunnelHandler;
import dev.localhome.domain.routing.RoutingPolicy;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WiringTest {
    @TempDir
    Path home;

    private Environment machineWithoutCa() {
        // no PATH: mkcert is not found; a fresh HOME: no CA in mkcert's or localhome's directories
        return Environment.of(Map.of("HOME", home.toString()), home, home);
    }

    @Test
    void theInjectorBuildsEverythingWithTheRealModules() {
        Config config = Config.defaults().withServices(Map.of("api", 8080));
        Injector injector = Wiring.injector(config, machineWithoutCa(), Plugins.none());

        assertThat(injector.getInstance(ProxyTransport.class)).isNotNull();
        assertThat(injector.getInstance(RequestRouting.class)).isNotNull();
        assertThat(injector.getInstance(TunnelHandler.class)).isSameAs(injector.getInstance(RequestRouting.class));
        assertThat(injector.getInstance(ServiceListing.class)).isNotNull();
        RoutingPolicy policy = injector.getInstance(RoutingPolicy.class);
        assertThat(policy.ownName()).isEqualTo(new ServiceName("home"));
        assertThat(policy.interception()).isFalse();
        assertThat(policy.self()).isEqualTo(injector.getInstance(Self.class));
        assertThat(policy.forwardedHeaders()).isTrue();
        assertThat(injector.getInstance(Self.class).endpoints()).isEmpty(); // until the daemon is bound
        assertThat(sources(injector)).extracting(ServiceDiscovery::sourceName).contains("containers", "config").hasSize(3);
    }

    @Test
    void aPluginsDiscoverySourceJoinsTheSetOfSources() throws Exception {
        Injector injector = Wiring.injector(Config.defaults(), machineWithoutCa(),
                Plugins.load(WiringTest.class.getClassLoader()));

        ServiceDiscovery fixture = sources(injector).stream()
                .filter(source -> source.sourceName().equals("fixture")).findFirst().orElseThrow();
        assertThat(fixture.scan()).singleElement()
                .satisfies(listener -> assertThat(listener.name()).isEqualTo(FixedListenerPlugin.NAME));
    }

    @Test
    void aPluginCanReplaceTheNettyTransport() {
        ProxyTransport replacement = new ProxyTransport() {
            @Override
            public int start(String bindHost, int port) {
                return port;
            }

            @Override
            public void stop(Duration grace) {}
        };
        Plugins plugins = new Plugins(List.of(new AbstractModule() {
            @Override
            protected void configure() {
                OptionalBinder.newOptionalBinder(binder(), ProxyTransport.class).setBinding().toInstance(replacement);
            }
        }), List.of("replacement"));

        Injector injector = Wiring.injector(Config.defaults(), machineWithoutCa(), plugins);

        assertThat(injector.getInstance(ProxyTransport.class)).isSameAs(replacement);
    }

    private static Set<ServiceDiscovery> sources(Injector injector) {
        return injector.getInstance(Key.get(new TypeLiteral<Set<ServiceDiscovery>>() {}));
    }
}
