package dev.localhome.bootstrap.config;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * What the user passed on the command line, before checking; {@code null} means "not given". Kept apart from
 * picocli so the config layering can be tested without a command line.
 */
public record Flags(Integer port, String bindHost, String name, Path mkcertCaRoot, Path configFile) {
    public static Flags none() {
        return new Flags(null, null, null, null, null);
    }

    ConfigLayer layer(Environment environment) {
        return new ConfigLayer(
                Optional.ofNullable(port).map(value -> ConfigValues.port("--port", String.valueOf(value))),
                Optional.ofNullable(bindHost).map(value -> ConfigValues.bindHost("--bind", value)),
                Optional.ofNullable(name).map(value -> ConfigValues.name("--name", value)),
                Optional.ofNullable(mkcertCaRoot).map(environment.workingDirectory()::resolve),
                Map.of());
    }
}
