package dev.localhome.bootstrap.config;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Applies the layers in docs/ARCHITECTURE.md's order, highest first: flags, environment, {@code ./localhome.local.json},
 * {@code $XDG_CONFIG_HOME/localhome/config.json} (default {@code ~/.config/localhome/config.json}), defaults. The
 * daemon's name alone ranks the environment's {@code NAME} just above the defaults (see {@link EnvironmentLayer}).
 *
 * <p>{@code --config FILE} takes the place of {@code ./localhome.local.json} (and, unlike it, must exist): a daemon
 * started by a service manager has no meaningful working directory.
 */
public final class ConfigLoader {
    public static final String PROJECT_FILE = "localhome.local.json";

    private ConfigLoader() {}

    /** @throws ConfigException naming the file and key, the variable or the flag that is wrong */
    public static Config load(Flags flags, Environment environment) {
        ConfigLayer layered = flags.layer(environment)
                .over(EnvironmentLayer.from(environment))
                .over(projectLayer(flags, environment))
                .over(JsonConfigFile.readIfPresent(userFile(environment)).orElseGet(ConfigLayer::empty))
                .over(EnvironmentLayer.name(environment));
        return layered.withDefaults();
    }

    private static ConfigLayer projectLayer(Flags flags, Environment environment) {
        if (flags.configFile() != null) {
            Path explicit = environment.workingDirectory().resolve(flags.configFile());
            if (!Files.isRegularFile(explicit))
                throw new ConfigException("--config: no such file: " + explicit);
            return JsonConfigFile.read(explicit);
        }
        return JsonConfigFile.readIfPresent(environment.workingDirectory().resolve(PROJECT_FILE))
                .orElseGet(ConfigLayer::empty);
    }

    /** The user's file: {@code $XDG_CONFIG_HOME/localhome/config.json}; a relative XDG path is ignored, as the spec says. */
    public static Path userFile(Environment environment) {
        Path configHome = environment.variable("XDG_CONFIG_HOME").map(Path::of).filter(Path::isAbsolute)
                .orElseGet(() -> environment.home().resolve(".config"));
        return configHome.resolve("localhome").resolve("config.json");
    }
}
