package dev.localhome.bootstrap.wiring;

import com.google.inject.AbstractModule;
import com.google.inject.TypeLiteral;
import com.google.inject.name.Names;
import dev.localhome.bootstrap.config.Config;
import dev.localhome.bootstrap.config.Environment;
import java.util.Map;

/**
 * Makes the settings and the machine's environment available to the feature modules, and to plugins: each plugin
 * finds its settings from the config file's {@code "plugins"} object under its own name in
 * {@code @Named("pluginConfig") Map<String, Object>} (see PLUGINS.md), without depending on bootstrap's types.
 */
final class ConfigModule extends AbstractModule {
    /** The binding name of the plugins' settings, the contract PLUGINS.md documents. */
    static final String PLUGIN_CONFIG = "pluginConfig";

    private final Config config;
    private final Environment environment;

    ConfigModule(Config config, Environment environment) {
        this.config = config;
        this.environment = environment;
    }

    @Override
    protected void configure() {
        bind(Config.class).toInstance(config);
        bind(Environment.class).toInstance(environment);
        PluginSettings settings = new PluginSettings(config.plugins());
        bind(PluginSettings.class).toInstance(settings);
        bind(new TypeLiteral<Map<String, Object>>() {}).annotatedWith(Names.named(PLUGIN_CONFIG)).toInstance(settings);
    }
}
