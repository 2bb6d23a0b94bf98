package dev.localhome.bootstrap.config;

import dev.localhome.domain.ServiceName;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The settings one source gives (flags, environment, a config file), each optional: a layer only says what it sets,
 * so a higher layer can be laid {@linkplain #over over} a lower one. Values are already validated by whoever read
 * them, because only the reader knows which file, key or variable to name in an error.
 */
public record ConfigLayer(Optional<Integer> port, Optional<String> bindHost, Optional<ServiceName> ownName,
                          Optional<Path> mkcertCaRoot, Map<String, Integer> services) {
    public ConfigLayer {
        services = Map.copyOf(services);
    }

    public static ConfigLayer empty() {
        return new ConfigLayer(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Map.of());
    }

    /**
     * This layer with {@code lower}'s values wherever this one is silent. Static mappings merge name by name, so a
     * project file can add services to the user's file, or move one, without repeating the rest.
     */
    public ConfigLayer over(ConfigLayer lower) {
        Map<String, Integer> merged = new LinkedHashMap<>(lower.services);
        merged.putAll(services);
        return new ConfigLayer(port.or(lower::port), bindHost.or(lower::bindHost), ownName.or(lower::ownName),
                mkcertCaRoot.or(lower::mkcertCaRoot), merged);
    }

    /** The final settings: this layer over the built-in defaults. */
    public Config withDefaults() {
        Config defaults = Config.defaults();
        return new Config(port.orElse(defaults.port()), bindHost.orElse(defaults.bindHost()),
                ownName.orElse(defaults.ownName()), mkcertCaRoot, services);
    }
}
