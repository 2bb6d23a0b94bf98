package dev.localhome.bootstrap.wiring;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import dev.localhome.bootstrap.config.Config;
import dev.localhome.bootstrap.config.Environment;
import dev.localhome.bootstrap.daemon.Daemon;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Settings for a plugin that is not on the class path (or whose name is misspelt) are warned about by name at start:
 * a warning rather than an error, because the same config files serve every command and class path, and the daemon
 * runs well without the plugin.
 */
class UnreadPluginSettingsTest {
    @TempDir
    Path home;

    @Test
    void settingsNoPluginReadsAreNamedInAWarningAndTheDaemonRuns() {
        Config config = new Config(0, Config.DEFAULT_BIND_HOST, Config.DEFAULT_NAME, Optional.empty(), Map.of(),
                Map.of("nope-plugin", Map.of("enabled", true)));
        try (LogCapture log = new LogCapture(Daemon.class);
             Daemon daemon = Daemon.start(config, Environment.of(Map.of("HOME", home.toString()), home, home))) {
            assertThat(daemon.port()).isPositive();
            assertThat(log.lines(Level.WARN)).anySatisfy(line -> assertThat(line)
                    .contains("settings for the plugin 'nope-plugin'", "no plugin on the class path reads them",
                            "loaded: " + FixedListenerPlugin.class.getName()));
        }
    }

    @Test
    void settingsAPluginReadsAreNotWarnedAbout() {
        PluginSettings settings = new PluginSettings(Map.of("npm-names", Map.of(), "nope", Map.of()));

        settings.get("npm-names");

        assertThat(settings.unread()).containsExactly("nope");
    }
}
