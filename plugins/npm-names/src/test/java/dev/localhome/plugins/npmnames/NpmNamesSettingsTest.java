package dev.localhome.plugins.npmnames;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NpmNamesSettingsTest {
    @Test
    void withoutSettingsThePluginIsOff() {
        assertThat(NpmNamesSettings.from(null).enabled()).isFalse();
        assertThat(NpmNamesSettings.from(Map.of()).enabled()).isFalse();
    }

    @Test
    void enabledTurnsItOnWithDirectoryNamesUnderTheHomeByDefault() {
        NpmNamesSettings settings = NpmNamesSettings.from(Map.of("enabled", true));

        assertThat(settings.enabled()).isTrue();
        assertThat(settings.fromDirectory()).isTrue();
        assertThat(settings.directoriesUnder()).isEqualTo(Path.of(System.getProperty("user.home")).toAbsolutePath());
    }

    @Test
    void everySettingCanBeGiven() {
        assertThat(NpmNamesSettings.from(Map.of("enabled", true, "fromDirectory", false, "directoriesUnder", "/src")))
                .isEqualTo(new NpmNamesSettings(true, false, Path.of("/src")));
    }

    @Test
    void anUnknownKeyOrAWrongTypeIsAnErrorNamingTheKey() {
        assertThatThrownBy(() -> NpmNamesSettings.from(Map.of("enable", true)))
                .hasMessage("plugins.npm-names: unknown key 'enable' (known keys: enabled, fromDirectory, directoriesUnder)");
        assertThatThrownBy(() -> NpmNamesSettings.from(Map.of("enabled", "yes")))
                .hasMessage("plugins.npm-names.enabled: expected true or false, got yes");
    }
}
