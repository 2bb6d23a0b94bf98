package dev.localhome.bootstrap.wiring;

import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Module;
import com.google.inject.Stage;
import dev.localhome.bootstrap.config.Config;
import dev.localhome.bootstrap.config.Environment;
import java.util.ArrayList;
import java.util.List;

/** The composition root's one recipe: the feature modules, then every plugin, into one injector. */
public final class Wiring {
    private Wiring() {}

    /**
     * An injector over the real adapters and {@code plugins}. {@link Stage#DEVELOPMENT} keeps singletons lazy, so a
     * command builds only what it asks for: {@code localhome scan} never locates a CA or creates the proxy server.
     */
    public static Injector injector(Config config, Environment environment, Plugins plugins) {
        List<Module> modules = new ArrayList<>(List.of(
                new ConfigModule(config, environment),
                new DiscoveryModule(),
                new CertificatesModule(),
                new ApplicationModule(),
                new NettyTransportModule(plugins.names())));
        modules.addAll(plugins.modules());
        return Guice.createInjector(Stage.DEVELOPMENT, modules);
    }
}
