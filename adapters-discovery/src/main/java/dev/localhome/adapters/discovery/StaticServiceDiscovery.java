package dev.localhome.adapters.discovery;

import dev.localhome.domain.Listener;
import dev.localhome.domain.ServiceName;
import dev.localhome.domain.port.ServiceDiscovery;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Names the user mapped to ports by hand, e.g. {@code "services": {"api": 8080}} in the config file: for servers
 * started without {@code NAME}, such as a container's published port. Listeners on 127.0.0.1, without a process.
 */
final class StaticServiceDiscovery implements ServiceDiscovery {
    private final List<Listener> listeners;

    /** @throws IllegalArgumentException naming the entry of {@code services} that is wrong */
    StaticServiceDiscovery(Map<String, Integer> mappings) {
        Objects.requireNonNull(mappings, "services");
        Map<ServiceName, Integer> valid = new TreeMap<>();
        mappings.forEach((name, port) -> {
            // names are case-insensitive: "API" and "api" would silently shadow each other
            ServiceName serviceName = validName(name);
            if (valid.put(serviceName, validPort(name, port)) != null)
                throw new IllegalArgumentException("services: '%s' is mapped twice".formatted(serviceName));
        });
        List<Listener> all = new ArrayList<>();
        valid.forEach((name, port) -> all.add(Listener.withoutProcess(name, port)));
        this.listeners = List.copyOf(all);
    }

    private static ServiceName validName(String name) {
        return ServiceName.parse(name).orElseThrow(() -> new IllegalArgumentException(
                "services: '%s' is not a service name (letters, digits, '-' and '_', labels joined by dots)"
                        .formatted(name)));
    }

    private static int validPort(String name, Integer port) {
        if (port == null || port < 1 || port > 65_535)
            throw new IllegalArgumentException(
                    "services.%s: %s is not a TCP port (1 to 65535)".formatted(name, port));
        return port;
    }

    @Override
    public String sourceName() {
        return "config";
    }

    @Override
    public List<Listener> scan() {
        return listeners;
    }
}
