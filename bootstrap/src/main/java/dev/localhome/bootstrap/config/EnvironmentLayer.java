package dev.localhome.bootstrap.config;

import java.util.Map;
import java.util.Optional;

/**
 * The layers the environment gives: {@code PORT}, {@code BIND_HOST} and {@code MKCERT_CA_ROOT}, the names dev tools
 * and mkcert already use, above the config files; and {@code NAME}, below them.
 *
 * <p>{@code NAME} is the daemon's name because it is what discovery reads: a daemon started with {@code NAME=devhome}
 * (as the original localhome was) is found in the process table as {@code devhome}, so that name must be its own, or
 * it would list itself as a service. It ranks below the config files and {@code --name}, which say what the user
 * chose for localhome in particular, where {@code NAME} may be a shell's leftover.
 */
final class EnvironmentLayer {
    private EnvironmentLayer() {}

    /** The daemon's name from {@code NAME}, the lowest layer but the defaults. */
    static ConfigLayer name(Environment environment) {
        return new ConfigLayer(Optional.empty(), Optional.empty(),
                environment.variable("NAME").map(value -> ConfigValues.name("environment variable NAME", value)),
                Optional.empty(), Map.of());
    }

    static ConfigLayer from(Environment environment) {
        return new ConfigLayer(
                environment.variable("PORT").map(value -> ConfigValues.port("environment variable PORT", value)),
                environment.variable("BIND_HOST")
                        .map(value -> ConfigValues.bindHost("environment variable BIND_HOST", value)),
                Optional.empty(),
                environment.variable("MKCERT_CA_ROOT").map(value -> environment.workingDirectory().resolve(value)),
                Map.of());
    }
}
