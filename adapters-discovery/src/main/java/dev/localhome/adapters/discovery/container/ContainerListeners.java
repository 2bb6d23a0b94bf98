package dev.localhome.adapters.discovery.container;

import dev.localhome.domain.Container;
import dev.localhome.domain.Endpoint;
import dev.localhome.domain.Listener;
import dev.localhome.domain.ProcessInfo;
import dev.localhome.domain.ServiceName;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What one inspected container serves: a listener for each endpoint that reaches it, under its name, with its main
 * process and the container itself. None for a container that is not running, has no name, or shares the host's
 * network (its sockets are the host's: the process scan lists it, once).
 */
final class ContainerListeners {
    private static final Logger log = LoggerFactory.getLogger(ContainerListeners.class);

    private final ContainerNaming naming;
    private final ContainerRoutes routes;
    private final Set<String> toldUnreachable = new HashSet<>(); // once per container: it is inspected at each start

    ContainerListeners(ContainerNaming naming, ContainerRoutes routes) {
        this.naming = naming;
        this.routes = routes;
    }

    List<Listener> of(InspectedContainer container) {
        if (!container.running() || container.hostNetwork()) return List.of();
        Optional<ServiceName> name = naming.nameOf(container);
        if (name.isEmpty()) return List.of();
        List<Endpoint> endpoints = routes.endpoints(container);
        if (endpoints.isEmpty()) {
            if (toldUnreachable.add(container.id()))
                log.info("container '{}' answers to '{}' but is not reachable from this host: it publishes no port on "
                        + "loopback, and exposes none on a bridge of this host (publish one with -p 127.0.0.1::PORT)",
                        container.name(), name.get());
            return List.of();
        }
        Optional<ProcessInfo> process = container.pid() > 0
                ? Optional.of(new ProcessInfo(container.pid(), container.command(), container.workingDirectory(),
                        container.startedAt(), Optional.of(new Container(container.id(), container.name(), container.image()))))
                : Optional.empty();
        return endpoints.stream().map(at -> new Listener(name.get(), at, process)).toList();
    }
}
