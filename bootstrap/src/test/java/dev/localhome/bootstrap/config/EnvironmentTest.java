package dev.localhome.bootstrap.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EnvironmentTest {

    @Test
    void theHomeIsHomeWhenItIsSet() {
        assertThat(Environment.homeOf(Map.of("HOME", "/tmp/elsewhere"), "/root")).isEqualTo(Path.of("/tmp/elsewhere"));
    }

    @Test
    void aMissingBlankOrRelativeHomeFallsBackToTheJvmsUserHome() {
        assertThat(Environment.homeOf(Map.of(), "/root")).isEqualTo(Path.of("/root"));
        assertThat(Environment.homeOf(Map.of("HOME", " "), "/root")).isEqualTo(Path.of("/root"));
        assertThat(Environment.homeOf(Map.of("HOME", "relative/dir"), "/root")).isEqualTo(Path.of("/root"));
    }
}
