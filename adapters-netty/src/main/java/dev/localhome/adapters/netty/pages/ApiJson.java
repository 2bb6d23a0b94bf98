package dev.localhome.adapters.netty.pages;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.localhome.domain.Endpoint;
import dev.localhome.domain.ListedService;
import dev.localhome.domain.ProcessInfo;
import dev.localhome.domain.Service;
import dev.localhome.domain.ServiceName;
import dev.localhome.domain.StoppedService;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code /api/services} and {@code /api/status}: the running and lately stopped services, and the daemon's own facts, as JSON for
 * scripts and the dashboard. The views are the one model of a service both the JSON and the dashboard's HTML are
 * made from, so the page the dashboard's script re-renders matches the page the server rendered.
 */
final class ApiJson {
    private final ObjectMapper mapper = new ObjectMapper();

    /**
     * @param state         {@code running}, or {@code stopped}: seen by an earlier scan and gone since
     * @param lastSeen      for a stopped service, when a scan last found it (ISO-8601); null while it runs
     * @param port          where it answers, or for a stopped service where it answered
     * @param links         where to open it, most useful first: {@code https://app/} when interception is on,
     *                      {@code http://app/} for dot-free names, {@code http://app.localhost:<port>/} always
     * @param startedAt     when its earliest process started (ISO-8601), or null when unknown or stopped
     * @param uptimeSeconds how long it has been up, or null when unknown or stopped
     * @param processes     what runs it, or for a stopped service what ran it
     * @param endpoints     every port its processes listen on, each with its own URLs; {@code port} is the chosen one;
     *                      empty for a stopped service
     * @param portRule      why {@code port} answers for the name (the port rule), in a sentence; null when stopped
     */
    record ServiceView(String name, String state, String lastSeen, int port, List<Integer> ports, String url,
                       List<String> links, String startedAt, Long uptimeSeconds, List<ProcessView> processes,
                       List<PortView> endpoints, String portRule) {
        static final String RUNNING = "running";
        static final String STOPPED = "stopped";

        boolean stopped() {
            return STOPPED.equals(state);
        }
    }

    /**
     * One port of a service and where to open it: {@code url} is {@code http://<port>.<name>.localhost:<port>/},
     * which needs no set-up; {@code links} adds {@code https://<name>:<port>/} and {@code http://<name>:<port>/} for
     * dot-free names (through the PAC file).
     *
     * @param chosen whether it is the port the name alone reaches
     */
    record PortView(int port, String address, boolean chosen, String url, List<String> links) {}

    /**
     * {@code command} is shortened with secrets hidden; the environment is never read, let alone shown.
     *
     * @param ports   the ports this process listens on (empty when discovery could not tell, and for a stopped service)
     * @param answers whether it is the process a request for the name alone reaches (two processes may carry one name)
     * @param container the container it runs in, or null for a process of this host
     */
    record ProcessView(long pid, String command, String workingDirectory, String startedAt, Long uptimeSeconds,
                       List<Integer> ports, boolean answers, ContainerView container) {}

    /** A Docker or Podman container: its name, the image it runs, and its id as {@code docker ps} shortens it. */
    record ContainerView(String name, String image, String id) {
        static ContainerView of(ProcessInfo process) {
            return process.container().map(c -> new ContainerView(c.name(), c.image(), c.shortId())).orElse(null);
        }

        /** {@code api (busybox:1.36, 3f2a9c1b0d4e)}: how pages and tables name it. */
        String describe() {
            return "%s (%s, %s)".formatted(name, image, id);
        }
    }

    /** A discovery source and whether it finds anything now; {@code detail} says where from, or why not. */
    record SourceView(String source, String state, String detail) {}

    record CaView(boolean interception, String origin, String path, String sha256) {}

    /** @param discovery each discovery source, e.g. {@code containers}: {@code off} with why when no engine answers */
    record StatusView(String version, String startedAt, long uptimeSeconds, String bind, int port, String name,
                      String transport, CaView ca, List<String> plugins, List<SourceView> discovery,
                      List<ServiceView> services) {}

    /** Running services first, then stopped ones, each by name: a running service never ends up below the fold. */
    static List<ServiceView> views(List<ListedService> services, boolean interception, int daemonPort, Instant now) {
        return services.stream().sorted(Comparator.comparing((ListedService listed) -> listed instanceof StoppedService)
                        .thenComparing(ListedService::name))
                .map(listed -> listed instanceof Service service
                ? view(service, interception, daemonPort, now)
                : view((StoppedService) listed, interception, daemonPort)).toList();
    }

    private static ServiceView view(StoppedService stopped, boolean interception, int daemonPort) {
        int port = stopped.lastEndpoint().port();
        return new ServiceView(stopped.name().value(), ServiceView.STOPPED, stopped.lastSeen().toString(), port,
                List.of(port), localhostUrl(stopped.name(), daemonPort), links(stopped.name(), interception, daemonPort),
                null, null, stopped.processes().stream()
                        .map(p -> new ProcessView(p.pid(), Commands.shorten(p.command()), p.workingDirectory(), null, null,
                                List.of(), false, ContainerView.of(p)))
                        .toList(), List.of(), null);
    }

    private static ServiceView view(Service service, boolean interception, int daemonPort, Instant now) {
        Optional<Instant> started = service.processes().stream().map(ProcessInfo::startedAt).flatMap(Optional::stream)
                .min(Comparator.naturalOrder());
        return new ServiceView(service.name().value(), ServiceView.RUNNING, null, service.endpoint().port(),
                List.copyOf(service.ports()),
                localhostUrl(service.name(), daemonPort), links(service.name(), interception, daemonPort),
                started.map(Instant::toString).orElse(null), started.map(s -> uptime(s, now)).orElse(null),
                service.processes().stream().map(process -> view(service, process, now)).toList(),
                service.endpoints().values().stream()
                        .map(at -> view(service.name(), at, at.equals(service.endpoint()), interception, daemonPort))
                        .toList(), service.portRule());
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

    private static ProcessView view(Service service, ProcessInfo process, Instant now) {
        return new ProcessView(process.pid(), Commands.shorten(process.command()), process.workingDirectory(),
                process.startedAt().map(Instant::toString).orElse(null),
                process.startedAt().map(s -> uptime(s, now)).orElse(null), service.portsOf(process),
                service.answering().map(p -> p.pid() == process.pid()).orElse(service.processes().size() == 1),
                ContainerView.of(process));
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

    String forgotten(String name) {
        return write(Map.of("forgotten", name));
    }

    String error(String sentence) {
        return write(Map.of("error", sentence));
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
