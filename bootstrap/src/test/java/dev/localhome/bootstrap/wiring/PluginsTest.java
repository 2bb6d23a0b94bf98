package dev.localhome.bootstrap.wiring;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PluginsTest {
    @TempDir
    Path jar;

    @Test
    void aModuleListedForServiceLoaderIsLoadedAndNamed() {
        try (LogCapture log = new LogCapture(Plugins.class)) {
            Plugins plugins = Plugins.load(PluginsTest.class.getClassLoader());

            assertThat(plugins.names()).containsExactly(FixedListenerPlugin.class.getName());
            assertThat(plugins.modules()).hasSize(1);
            assertThat(log.lines(Level.INFO)).contains("plugins: " + FixedListenerPlugin.class.getName());
        }
    }

    @Test
    void brokenPluginsAreSkippedAndReportedByNameWhileTheGoodOneLoads() throws IOException {
        try (URLClassLoader withBrokenPlugins = classLoaderListing(ThrowingPlugin.class.getName(),
                ExplodingConstructorPlugin.class.getName(), "dev.localhome.bootstrap.wiring.NoSuchPlugin");
             LogCapture log = new LogCapture(Plugins.class)) {
            Plugins plugins = Plugins.load(withBrokenPlugins);

            assertThat(plugins.names()).containsExactly(FixedListenerPlugin.class.getName());
            assertThat(log.lines(Level.WARN)).hasSize(3)
                    .anySatisfy(line -> assertThat(line).contains(ThrowingPlugin.class.getName())
                            .contains("this plugin is broken on purpose"))
                    .anySatisfy(line -> assertThat(line).contains(ExplodingConstructorPlugin.class.getName())
                            .contains("no constructing this one"))
                    .anySatisfy(line -> assertThat(line).contains("NoSuchPlugin"));
        }
    }

    /** A class loader that sees this module's classes plus a services file listing {@code classNames}. */
    private URLClassLoader classLoaderListing(String... classNames) throws IOException {
        Path services = jar.resolve("META-INF/services/com.google.inject.Module");
        Files.createDirectories(services.getParent());
        Files.write(services, java.util.List.of(classNames));
        return new URLClassLoader(new URL[] {jar.toUri().toURL()}, PluginsTest.class.getClassLoader());
    }
}
