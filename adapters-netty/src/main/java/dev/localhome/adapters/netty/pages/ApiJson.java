package dev.localhome.adapters.netty.pages;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.localhome.domain.Endpoint;
import dev.localhome.domain.ProcessInfo;
import dev.localhome.domain.Service;
import dev.localhome.domain.ServiceName;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code /api/services} and {@code /api/status}: the running services, and the daemon's own facts, as JSON for
 * scripts and the dashboard. The views are the one model of a service both the JSON and the dashboard's HTML are
 * made from, so the page the dashboard's script re-renders matches the page the server rendered.
 */
final class ApiJson {
    private final ObjectMapper mapper = new ObjectMapper();

    /**
     * @param links         where to open it, most useful first: {@code https://app/} when interception is on,
     *                      {@code http://app/} for dot-free names, {@code http://app.localhost:<port>/} always
     * @param startedAt     when its earliest process started (ISO-8601), or null when unknown
     * @param uptimeSeconds how long it has been up, or null when unknown
     * @param endpoints     every port its processes listen on, each with its own URLs; {@code port} is the chosen one
     */
    record ServiceView(String name, int port, List<Integer> ports, String url, List<String> links, String startedAt,
                       Long uptimeSeconds, List<ProcessView> processes, List<PortView> endpoints) {}

    /**
     * One port of a service and where to open it: {@code url} is {@code http://<port>.<name>.localhost:<port>/},
     * which needs no set-up; {@code links} adds {@code https://<name>:<port>/} and {@code http://<name>:<port>/} for
     * dot-free names (through the PAC file).
     *
     * @param chosen whether it is the port the name alone reaches
     */
    record PortView(int port, String address, boolean chosen, String url, List<String> links) {}

    /** {@code command} is shortened with secrets hidden; the environment is never read, let alone shown. */
    record ProcessView(long pid, String command, String workingDirectory, String startedAt, Long uptimeSeconds) {}

    record CaView(boolean interception, String origin, String path, String sha256) {}

    record StatusView(String version, String startedAt, long uptimeSeconds, String bind, int port, String name,
                      String transport, CaView ca, List<String> plugins, List<ServiceView> services) {}

    static List<ServiceView> views(List<Service> services, boolean interception, int daemonPort, Instant now) {
        return services.stream().map(service -> view(service, interception, daemonPort, now)).toList();
    }

    private static ServiceView view(Service service, boolean interception, int daemonPort, Instant now) {
        Optional<Instant> started = service.processes().stream().map(ProcessInfo::startedAt).flatMap(Optional::stream)
                .min(Comparator.naturalOrder());
        return new ServiceView(service.name().value(), service.endpoint().port(), List.copyOf(service.ports()),
                localhostUrl(service.name(), daemonPort), links(service.name(), interception, daemonPort),
                started.map(Instant::toString).orElse(null), started.map(s -> uptime(s, now)).orElse(null),
                service.processes().stream().map(process -> view(process, now)).toList(),
                service.endpoints().values().stream()
                        .map(at -> view(service.name(), at, at.equals(service.endpoint()), interception, daemonPort))
                        .toList());
    }

    private static PortView view(ServiceName name, Endpoint at, boolean chosen, boolean interception, int daemonPort) {
        String url = portUrl(name, at.port(), daemonPort);
        List<String> links = new ArrayList<>(3);
        if (name.isBare()) {
            if (interception) links.add("https://%s:%d/".formatted(name.value(), at.port()));
            links.add("http://%s:%d/".formatted(name.value(), at.port()));
        }
        links.add(url);
        return new PortView(at.port(), at.address(), chosen, url, links);
    }

    /** Where one port of a service answers with no set-up: {@code http://3001.app.localhost:9090/}. */
    static String portUrl(ServiceName name, int port, int daemonPort) {
        return "http://%d.%s.localhost:%d/".formatted(port, name.value(), daemonPort);
    }

    private static ProcessView view(ProcessInfo process, Instant now) {
        return new ProcessView(process.pid(), Commands.shorten(process.command()), process.workingDirectory(),
                process.startedAt().map(Instant::toString).orElse(null),
                process.startedAt().map(s -> uptime(s, now)).orElse(null));
    }

    static List<String> links(ServiceName name, boolean interception, int daemonPort) {
        List<String> links = new ArrayList<>(3);
        if (name.isBare()) {
            if (interception) links.add("https://" + name.value() + "/");
            links.add("http://" + name.value() + "/");
        }
        links.add(localhostUrl(name, daemonPort));
        return links;
    }

    private static String localhostUrl(ServiceName name, int daemonPort) {
        return "http://%s.localhost:%d/".formatted(name.value(), daemonPort);
    }

    static long uptime(Instant startedAt, Instant now) {
        return Math.max(0, Duration.between(startedAt, now).toSeconds());
    }

    String services(List<ServiceView> services) {
        return write(Map.of("services", services));
    }

    String status(StatusView status) {
        return write(status);
    }

    private String write(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON", e);
        }
    }
}
