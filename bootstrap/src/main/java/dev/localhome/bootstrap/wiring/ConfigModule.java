package dev.localhome.bootstrap.wiring;

import com.google.inject.AbstractModule;
import dev.localhome.bootstrap.config.Config;
import dev.localhome.bootstrap.config.Environment;

/** Makes the settings and the machine's environment available to the feature modules (and to plugins). */
final class ConfigModule extends AbstractModule {
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
    }
}
