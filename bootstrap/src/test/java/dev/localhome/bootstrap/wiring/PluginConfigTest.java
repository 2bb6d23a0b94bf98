package dev.localhome.bootstrap.wiring;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.inject.Key;
import com.google.inject.TypeLiteral;
import com.google.inject.name.Names;
import dev.localhome.bootstrap.config.Config;
import dev.localhome.bootstrap.config.Environment;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PluginConfigTest {
    @Test
    void pluginsFindTheirSettingsUnderTheirNameInTheNamedPluginConfigMap() {
        Config config = Config.defaults().withPlugin("npm-names", Map.of("enabled", true));
        Path here = Path.of("").toAbsolutePath();

        Map<String, Object> pluginConfig = Wiring.injector(config, Environment.of(Map.of(), here, here), Plugins.none())
                .getInstance(Key.get(new TypeLiteral<Map<String, Object>>() {}, Names.named("pluginConfig")));

        assertThat(pluginConfig).containsEntry("npm-names", Map.of("enabled", true));
    }
}
