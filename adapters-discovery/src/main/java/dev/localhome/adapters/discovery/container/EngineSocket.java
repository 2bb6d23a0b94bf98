package dev.localhome.adapters.discovery.container;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * Where the container engine's API socket is, or why there is none to use. {@code $DOCKER_HOST} decides when it is
 * set (a {@code unix://} path only: localhome never talks to an engine over the network); otherwise the first that
 * exists of Docker's {@code /var/run/docker.sock}, rootless Podman's {@code $XDG_RUNTIME_DIR/podman/podman.sock}
 * and rootful Podman's {@code /run/podman/podman.sock}.
 */
final class EngineSocket {
    static final String DOCKER = "/var/run/docker.sock";
    static final String PODMAN_ROOTFUL = "/run/podman/podman.sock";
    private static final String UNIX_SCHEME = "unix://";

    private EngineSocket() {}

    /** A socket, or none with the reason. */
    sealed interface Choice permits At, None {}

    /** A socket to connect to. */
    record At(Path path) implements Choice {
        At {
            Objects.requireNonNull(path, "path");
        }
    }

    /** No socket to try; {@code reason} is a sentence for {@code localhome status}. */
    record None(String reason) implements Choice {}

    /** The socket {@code environment} and the file system (through {@code exists}) point at. */
    static Choice locate(Map<String, String> environment, Predicate<Path> exists) {
        String dockerHost = environment.getOrDefault("DOCKER_HOST", "").trim();
        if (!dockerHost.isEmpty()) {
            if (!dockerHost.startsWith(UNIX_SCHEME) || dockerHost.length() == UNIX_SCHEME.length())
                return new None("DOCKER_HOST is '%s': localhome reads a container engine over a unix:// socket only"
                        .formatted(dockerHost));
            Path path = Path.of(dockerHost.substring(UNIX_SCHEME.length()));
            return exists.test(path) ? new At(path)
                    : new None("DOCKER_HOST names %s, which does not exist: is the engine running?".formatted(path));
        }
        List<Path> candidates = new ArrayList<>(List.of(Path.of(DOCKER)));
        String runtime = environment.getOrDefault("XDG_RUNTIME_DIR", "");
        if (!runtime.isBlank()) candidates.add(Path.of(runtime, "podman", "podman.sock"));
        candidates.add(Path.of(PODMAN_ROOTFUL));
        for (Path candidate : candidates) if (exists.test(candidate)) return new At(candidate);
        return new None("no container engine socket: none of %s exists, and DOCKER_HOST is not set".formatted(candidates));
    }

    /** {@link #locate} on this machine: a path counts when something is there (a socket is neither file nor folder). */
    static Choice locate(Map<String, String> environment) {
        return locate(environment, Files::exists);
    }
}
