package dev.localhome.bootstrap.cli.scan;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.localhome.bootstrap.cli.format.ServiceTable;
import dev.localhome.domain.Service;
import java.util.List;
import java.util.Map;

/**
 * {@code localhome scan --json}: the same shape as the daemon's {@code /api/services}, so a script can read either.
 * Commands are given in full here (the API shortens them for the dashboard). A scan has no memory of earlier ones, so
 * every service it lists is {@code running}; only the daemon knows which stopped.
 */
public final class ScanJson {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    record ServiceView(String name, String state, int port, List<Integer> ports, String url, List<ProcessView> processes,
                       List<PortView> endpoints, String portRule) {}

    /** One port of a service, as {@code /api/services} shows it: {@code url} is {@code <port>.<name>.localhost}. */
    record PortView(int port, String address, boolean chosen, String url) {}

    /**
     * As {@code /api/services}: the ports it listens on, whether it answers for the name alone, and the container it
     * runs in (null for a process of this host).
     */
    record ProcessView(long pid, String command, List<Integer> ports, boolean answers, ContainerView container) {}

    record ContainerView(String name, String image, String id) {}

    private ScanJson() {}

    public static String render(List<Service> services, int daemonPort) {
        List<ServiceView> views = services.stream()
                .map(s -> new ServiceView(s.name().value(), "running", s.endpoint().port(), List.copyOf(s.ports()),
                        "http://%s.localhost:%d/".formatted(s.name().value(), daemonPort),
                        s.processes().stream().map(p -> new ProcessView(p.pid(), p.command(), s.portsOf(p),
                                s.answering().map(a -> a.pid() == p.pid()).orElse(s.processes().size() == 1),
                                p.container().map(c -> new ContainerView(c.name(), c.image(), c.shortId())).orElse(null)))
                                .toList(),
                        s.endpoints().values().stream().map(at -> new PortView(at.port(), at.address(),
                                at.equals(s.endpoint()), ServiceTable.portUrl(s, at.port(), daemonPort))).toList(),
                        s.portRule()))
                .toList();
        try {
            return JSON.writeValueAsString(Map.of("services", views)) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write services as JSON", e);
        }
    }
}
