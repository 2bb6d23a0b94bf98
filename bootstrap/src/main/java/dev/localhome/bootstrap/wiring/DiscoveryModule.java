package dev.localhome.bootstrap.wiring;

import com.google.inject.AbstractModule;
import com.google.inject.Singleton;
import com.google.inject.multibindings.Multibinder;
import com.google.inject.multibindings.ProvidesIntoSet;
import dev.localhome.adapters.discovery.Discoveries;
import dev.localhome.adapters.discovery.container.ContainerDiscoveries;
import dev.localhome.bootstrap.config.Config;
import dev.localhome.bootstrap.config.Environment;
import dev.localhome.domain.port.ServiceDiscovery;

/**
 * The discovery sources: this platform's process scan, Docker and Podman containers, and the config file's static
 * mappings. A set, not a single
 * binding, so plugins add sources of their own with {@code Multibinder.newSetBinder(binder(), ServiceDiscovery.class)}.
 */
final class DiscoveryModule extends AbstractModule {
    @Override
    protected void configure() {
        // declared even though the providers below add to it: the set must exist for plugins to extend
        Multibinder.newSetBinder(binder(), ServiceDiscovery.class);
    }

    @ProvidesIntoSet
    @Singleton
    ServiceDiscovery platformProcesses() {
        return Discoveries.forThisPlatform();
    }

    /** Creating it connects nowhere: the engine is first asked at the registry's first scan. */
    @ProvidesIntoSet
    @Singleton
    ServiceDiscovery containers(Config config, Environment environment) {
        return ContainerDiscoveries.engine(environment.variables(), config.composeNames());
    }

    @ProvidesIntoSet
    @Singleton
    ServiceDiscovery staticMappings(Config config) {
        return Discoveries.staticMappings(config.services());
    }
}
