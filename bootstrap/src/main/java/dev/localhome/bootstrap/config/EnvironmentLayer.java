package dev.localhome.bootstrap.config;

import java.util.Map;
import java.util.Optional;

/**
 * The layer the environment gives: {@code PORT}, {@code BIND_HOST} and {@code MKCERT_CA_ROOT}, the names dev tools
 * and mkcert already use. {@code NAME} is deliberately not read: it is the name of the service a process serves, and
 * a daemon started from a shell that exported {@code NAME=app} must not take over app's name.
 */
final class EnvironmentLayer {
    private EnvironmentLayer() {}

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
