package dev.localhome.bootstrap.wiring;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import dev.localhome.application.ServiceRegistry;
import dev.localhome.bootstrap.config.Config;
import dev.localhome.bootstrap.config.Environment;
import dev.localhome.domain.ServiceCatalog;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Plugins that load, then throw at start or return garbage: each is named in the log, and the others keep working. */
class BrokenPluginsTest {
    @TempDir
    Path directory;

    @Test
    void garbageFromPluginSourcesIsDroppedAndNamedWhileEveryOtherServiceIsFound() throws IOException {
        try (URLClassLoader loader = classLoaderListing(GarbagePlugins.ReturnsNull.class,
                GarbagePlugins.ReturnsNullElements.class, GarbagePlugins.ThrowsOnEveryScan.class,
                GarbagePlugins.ThrowsAtStart.class);
             LogCapture pluginLog = new LogCapture(Plugins.class);
             LogCapture guardLog = new LogCapture(GuardedDiscovery.class);
             LogCapture registryLog = new LogCapture(ServiceRegistry.class)) {
            Plugins plugins = Plugins.load(loader);
            Environment environment = Environment.of(Map.of("PATH", ""), directory, directory);

            ServiceCatalog catalog;
            try (ServiceRegistry registry = Wiring.injector(Config.defaults(), environment, plugins)
                    .getInstance(ServiceRegistry.class)) {
                catalog = registry.rescan().join();
                catalog = registry.rescan().join(); // a second scan: garbage is reported once, not on every scan
            }

            assertThat(catalog.names()).contains(FixedListenerPlugin.NAME, GarbagePlugins.SURVIVOR);
            assertThat(pluginLog.lines(Level.WARN)).singleElement().asString()
                    .contains(GarbagePlugins.ThrowsAtStart.class.getName(), "failed to start", "start broken on purpose");
            assertThat(guardLog.lines(Level.WARN)).hasSize(2)
                    .anySatisfy(line -> assertThat(line).contains(GarbagePlugins.ReturnsNull.class.getName(), "null"))
                    .anySatisfy(line -> assertThat(line).contains(GarbagePlugins.ReturnsNullElements.class.getName(),
                            "2 null listener(s)"));
            assertThat(registryLog.lines(Level.WARN))
                    .allSatisfy(line -> assertThat(line).contains(GarbagePlugins.ThrowsOnEveryScan.class.getName(),
                            "scan broken on purpose"))
                    .isNotEmpty();
        }
    }

    private URLClassLoader classLoaderListing(Class<?>... plugins) throws IOException {
        Path services = directory.resolve("jar/META-INF/services/com.google.inject.Module");
        Files.createDirectories(services.getParent());
        Files.write(services, List.of(plugins).stream().map(Class::getName).toList());
        return new URLClassLoader(new URL[] {directory.resolve("jar").toUri().toURL()},
                BrokenPluginsTest.class.getClassLoader());
    }
}
