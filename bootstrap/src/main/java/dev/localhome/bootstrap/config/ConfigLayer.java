package dev.localhome.bootstrap.config;

import dev.localhome.domain.ServiceName;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The settings one source gives (flags, environment, a config file), each optional: a layer only says what it sets,
 * so a higher layer can be laid {@linkplain #over over} a lower one. Values are already validated by whoever read
 * them, because only the reader knows which file, key or variable to name in an error.
 */
public record ConfigLayer(Optional<Integer> port, Optional<String> bindHost, Optional<ServiceName> ownName,
                          Optional<Path> mkcertCaRoot, Map<String, Integer> services, Map<String, Object> plugins,
                          Optional<Boolean> forwardedHeaders, Optional<Boolean> http2WebSockets,
                          Optional<Boolean> inspector, Optional<Boolean> inspectHeaders,
                          Optional<TransportSetting> transport, Optional<List<String>> inspectRedactQuery,
                          Optional<Duration> stopGrace, Optional<Boolean> composeNames,
                          Optional<Duration> backendTimeout) {
    public ConfigLayer {
        services = Map.copyOf(services);
        plugins = Map.copyOf(plugins);
    }

    /** A layer silent about the secret query keys, the grace period, Compose names and the backend timeout: only config files name them. */
    public ConfigLayer(Optional<Integer> port, Optional<String> bindHost, Optional<ServiceName> ownName,
                       Optional<Path> mkcertCaRoot, Map<String, Integer> services, Map<String, Object> plugins,
                       Optional<Boolean> forwardedHeaders, Optional<Boolean> http2WebSockets,
                       Optional<Boolean> inspector, Optional<Boolean> inspectHeaders,
                       Optional<TransportSetting> transport) {
        this(port, bindHost, ownName, mkcertCaRoot, services, plugins, forwardedHeaders, http2WebSockets, inspector,
                inspectHeaders, transport, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
    }

    /** A layer silent about the transport: only config files name one. */
    public ConfigLayer(Optional<Integer> port, Optional<String> bindHost, Optional<ServiceName> ownName,
                       Optional<Path> mkcertCaRoot, Map<String, Integer> services, Map<String, Object> plugins,
                       Optional<Boolean> forwardedHeaders, Optional<Boolean> http2WebSockets,
                       Optional<Boolean> inspector, Optional<Boolean> inspectHeaders) {
        this(port, bindHost, ownName, mkcertCaRoot, services, plugins, forwardedHeaders, http2WebSockets, inspector,
                inspectHeaders, Optional.empty());
    }

    /** A layer silent about the request inspector. */
    public ConfigLayer(Optional<Integer> port, Optional<String> bindHost, Optional<ServiceName> ownName,
                       Optional<Path> mkcertCaRoot, Map<String, Integer> services, Map<String, Object> plugins,
                       Optional<Boolean> forwardedHeaders, Optional<Boolean> http2WebSockets) {
        this(port, bindHost, ownName, mkcertCaRoot, services, plugins, forwardedHeaders, http2WebSockets,
                Optional.empty(), Optional.empty());
    }

    /** A layer silent about WebSockets over h2. */
    public ConfigLayer(Optional<Integer> port, Optional<String> bindHost, Optional<ServiceName> ownName,
                       Optional<Path> mkcertCaRoot, Map<String, Integer> services, Map<String, Object> plugins,
                       Optional<Boolean> forwardedHeaders) {
        this(port, bindHost, ownName, mkcertCaRoot, services, plugins, forwardedHeaders, Optional.empty());
    }

    /** A layer silent about the {@code X-Forwarded-*} headers: only config files speak of them. */
    public ConfigLayer(Optional<Integer> port, Optional<String> bindHost, Optional<ServiceName> ownName,
                       Optional<Path> mkcertCaRoot, Map<String, Integer> services, Map<String, Object> plugins) {
        this(port, bindHost, ownName, mkcertCaRoot, services, plugins, Optional.empty());
    }

    /** A layer that configures no plugin: what flags and the environment give. */
    public ConfigLayer(Optional<Integer> port, Optional<String> bindHost, Optional<ServiceName> ownName,
                       Optional<Path> mkcertCaRoot, Map<String, Integer> services) {
        this(port, bindHost, ownName, mkcertCaRoot, services, Map.of());
    }

    public static ConfigLayer empty() {
        return new ConfigLayer(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Map.of());
    }

    /**
     * This layer with {@code lower}'s values wherever this one is silent. Static mappings merge name by name, so a
     * project file can add services to the user's file, or move one, without repeating the rest; plugin settings
     * merge plugin by plugin (a plugin's object is taken whole from the highest layer that has one).
     */
    public ConfigLayer over(ConfigLayer lower) {
        Map<String, Integer> merged = new LinkedHashMap<>(lower.services);
        merged.putAll(services);
        Map<String, Object> mergedPlugins = new LinkedHashMap<>(lower.plugins);
        mergedPlugins.putAll(plugins);
        return new ConfigLayer(port.or(lower::port), bindHost.or(lower::bindHost), ownName.or(lower::ownName),
                mkcertCaRoot.or(lower::mkcertCaRoot), merged, mergedPlugins, forwardedHeaders.or(lower::forwardedHeaders),
                http2WebSockets.or(lower::http2WebSockets), inspector.or(lower::inspector),
                inspectHeaders.or(lower::inspectHeaders), transport.or(lower::transport),
                inspectRedactQuery.or(lower::inspectRedactQuery), stopGrace.or(lower::stopGrace),
                composeNames.or(lower::composeNames), backendTimeout.or(lower::backendTimeout));
    }

    /** The final settings: this layer over the built-in defaults. */
    public Config withDefaults() {
        Config defaults = Config.defaults();
        return new Config(port.orElse(defaults.port()), bindHost.orElse(defaults.bindHost()),
                ownName.orElse(defaults.ownName()), mkcertCaRoot, services, plugins,
                forwardedHeaders.orElse(defaults.forwardedHeaders()), http2WebSockets.orElse(defaults.http2WebSockets()),
                inspector.orElse(defaults.inspector()), inspectHeaders.orElse(defaults.inspectHeaders()),
                transport.orElse(defaults.transport()), inspectRedactQuery.orElse(defaults.inspectRedactQuery()),
                stopGrace.orElse(defaults.stopGrace()), composeNames.orElse(defaults.composeNames()),
                backendTimeout.orElse(defaults.backendTimeout()));
    }
}
