package dev.localhome.bootstrap.cli;

import dev.localhome.domain.Endpoint;
import dev.localhome.domain.ProcessInfo;
import dev.localhome.domain.Service;
import java.util.List;
import java.util.stream.Collectors;

/**
 * {@code localhome scan}'s table: NAME, PORT, URL, PID, COMMAND, columns padded to their widest cell. A service's first
 * row is its chosen port, at the name alone; a row follows for each of its other ports, at
 * {@code <port>.<name>.localhost}.
 */
final class ServiceTable {
    /** Long command lines (node with its flags) would wrap every row; the JSON output has the full text. */
    static final int COMMAND_WIDTH = 80;

    private ServiceTable() {}

    static String render(List<Service> services, int daemonPort) {
        Table table = new Table().row("NAME", "PORT", "URL", "PID", "COMMAND");
        for (Service service : services) {
            List<ProcessInfo> processes = service.processes();
            table.row(service.name().value(),
                    String.valueOf(service.endpoint().port()),
                    "http://%s.localhost:%d/".formatted(service.name().value(), daemonPort),
                    processes.isEmpty() ? "-" : processes.stream().map(p -> String.valueOf(p.pid()))
                            .collect(Collectors.joining(",")),
                    processes.isEmpty() ? "-" : shorten(inContainer(processes.get(0)) + processes.get(0).command()));
            for (Endpoint other : service.endpoints().values()) {
                if (other.equals(service.endpoint())) continue;
                table.row("", String.valueOf(other.port()), portUrl(service, other.port(), daemonPort));
            }
        }
        return table.render();
    }

    /** Where one port of a service answers with no set-up: {@code http://3001.app.localhost:9090/}. */
    static String portUrl(Service service, int port, int daemonPort) {
        return "http://%d.%s.localhost:%d/".formatted(port, service.name().value(), daemonPort);
    }

    /** {@code [ctr busybox:1.36 3f2a9c1b0d4e] } before a container's command: its name, image and short id. */
    static String inContainer(ProcessInfo process) {
        return process.container().map(c -> inContainer(c.name(), c.image(), c.shortId())).orElse("");
    }

    static String inContainer(String name, String image, String shortId) {
        return "[%s %s %s] ".formatted(name, image, shortId);
    }

    /** One line, at most {@link #COMMAND_WIDTH} characters; {@code -} for none. */
    static String shorten(String command) {
        String oneLine = command.replaceAll("\\s+", " ").strip();
        if (oneLine.isEmpty()) return "-";
        return oneLine.length() <= COMMAND_WIDTH ? oneLine : oneLine.substring(0, COMMAND_WIDTH - 1) + "…";
    }
}
