package dev.localhome.bootstrap.config;

import dev.localhome.domain.ServiceName;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The daemon's settings after every layer has been applied: where to listen, its own name, where the CA lives when
 * the user named it, and the static name → port mappings.
 *
 * @param port the port to listen on; 0 picks a free one
 * @param bindHost the address to listen on, loopback unless the user asked otherwise
 * @param ownName the daemon's own service name, which serves its dashboard
 * @param mkcertCaRoot the CA directory the user named; empty means "look in the usual places"
 * @param services static mappings from service name to port, sorted by name
 */
public record Config(int port, String bindHost, ServiceName ownName, Optional<Path> mkcertCaRoot,
                     Map<String, Integer> services) {
    public static final int DEFAULT_PORT = 9090;
    public static final String DEFAULT_BIND_HOST = "127.0.0.1";
    public static final ServiceName DEFAULT_NAME = new ServiceName("home");

    public Config {
        if (port < 0 || port > 65_535) throw new IllegalArgumentException("not a port: " + port);
        Objects.requireNonNull(bindHost, "bindHost");
        Objects.requireNonNull(ownName, "ownName");
        Objects.requireNonNull(mkcertCaRoot, "mkcertCaRoot");
        services = Collections.unmodifiableMap(new TreeMap<>(services));
    }

    public static Config defaults() {
        return new Config(DEFAULT_PORT, DEFAULT_BIND_HOST, DEFAULT_NAME, Optional.empty(), Map.of());
    }

    public Config withPort(int newPort) {
        return new Config(newPort, bindHost, ownName, mkcertCaRoot, services);
    }

    public Config withMkcertCaRoot(Path caRoot) {
        return new Config(port, bindHost, ownName, Optional.of(caRoot), services);
    }

    public Config withServices(Map<String, Integer> newServices) {
        return new Config(port, bindHost, ownName, mkcertCaRoot, newServices);
    }
}
