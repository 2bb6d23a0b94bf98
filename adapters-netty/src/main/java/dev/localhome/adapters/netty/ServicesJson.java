package dev.localhome.adapters.netty;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.localhome.domain.ProcessInfo;
import dev.localhome.domain.Service;
import java.util.List;

/** {@code /api/services}: the running services as JSON, for scripts and the dashboard. */
final class ServicesJson {
    private final ObjectMapper mapper = new ObjectMapper();

    record ServiceView(String name, int port, List<Integer> ports, String url, List<ProcessView> processes) {}

    record ProcessView(long pid, String command) {}

    String services(List<Service> services, int daemonPort) {
        List<ServiceView> views = services.stream()
                .map(s -> new ServiceView(s.name().value(), s.endpoint().port(), List.copyOf(s.ports()),
                        "http://%s.localhost:%d/".formatted(s.name().value(), daemonPort),
                        s.processes().stream().map(ServicesJson::view).toList()))
                .toList();
        try {
            return mapper.writeValueAsString(java.util.Map.of("services", views));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write services as JSON", e);
        }
    }

    private static ProcessView view(ProcessInfo process) {
        return new ProcessView(process.pid(), Commands.shorten(process.command()));
    }
}
