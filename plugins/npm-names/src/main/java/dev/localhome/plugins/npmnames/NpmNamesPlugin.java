package dev.localhome.plugins.npmnames;

import com.google.inject.AbstractModule;
import com.google.inject.multibindings.ProvidesIntoSet;
import com.google.inject.name.Named;
import dev.localhome.domain.port.ServiceDiscovery;
import java.nio.file.Path;
import java.util.Map;

/**
 * The plugin: one Guice module, listed in {@code META-INF/services/com.google.inject.Module}, that adds one discovery
 * source. Opt-in: it names nothing unless the config file says
 * {@code "plugins": {"npm-names": {"enabled": true}}}, which localhome hands to plugins as
 * {@code @Named("pluginConfig") Map<String, Object>}.
 *
 * <p>The module decides nothing itself (no branching on settings in {@code configure}); the provider reads the
 * settings and builds a source that is on or off.
 */
public final class NpmNamesPlugin extends AbstractModule {
    /** This plugin's key in the config file's {@code "plugins"} object. */
    public static final String NAME = "npm-names";

    @ProvidesIntoSet
    ServiceDiscovery npmNames(@Named("pluginConfig") Map<String, Object> pluginConfig) {
        NpmNamesSettings settings = NpmNamesSettings.from(pluginConfig.get(NAME));
        return new NpmNamesDiscovery(Path.of("/proc"), settings, ProcessHandle.current().pid());
    }
}
