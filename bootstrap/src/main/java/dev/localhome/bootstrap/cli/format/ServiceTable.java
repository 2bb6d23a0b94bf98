package dev.localhome.bootstrap.cli.format;

import dev.localhome.domain.Endpoint;
import dev.localhome.domain.ProcessInfo;
import dev.localhome.domain.Service;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * {@code localhome scan}'s table: NAME, PORT, URL, PID, COMMAND, columns padded to their widest cell. A service's first
 * row is its chosen port, at the name alone; a row follows for each of its other ports, at
 * {@code <port>.<name>.localhost}.
 */
public final class ServiceTable {
    /** Long command lines (node with its flags) would wrap every row; the JSON output has the full text. */
    static final int COMMAND_WIDTH = 80;

    private ServiceTable() {}

    public static String render(List<Service> services, int daemonPort) {
        Table table = new Table().row("NAME", "PORT", "URL", "PID", "COMMAND");
        List<String> notes = new ArrayList<>();
        for (Service service : services) {
            List<ProcessInfo> processes = service.processes();
            Optional<ProcessInfo> answering = service.answering();
            table.row(service.name().value(),
                    String.valueOf(service.endpoint().port()),
                    "http://%s.localhost:%d/".formatted(service.name().value(), daemonPort),
                    answering.map(p -> String.valueOf(p.pid())).orElseGet(() -> processes.isEmpty() ? "-"
                            : processes.stream().map(p -> String.valueOf(p.pid())).collect(Collectors.joining(","))),
                    answering.or(() -> processes.stream().findFirst()).map(p -> shorten(inContainer(p) + p.command()))
                            .orElse("-"));
            for (Endpoint other : service.endpoints().values()) {
                if (other.equals(service.endpoint())) continue;
                // another process's port shows whose it is: two terminals that both ran NAME=app
                Optional<ProcessInfo> owner = processes.stream().filter(p -> service.portsOf(p).contains(other.port()))
                        .filter(p -> answering.isEmpty() || p.pid() != answering.get().pid()).findFirst();
                table.row("", String.valueOf(other.port()), portUrl(service, other.port(), daemonPort),
                        owner.map(p -> String.valueOf(p.pid())).orElse(""), owner.map(p -> shorten(p.command())).orElse(""));
            }
            if (processes.size() > 1)
                notes.add("%s: %d processes carry NAME=%s (pids %s); %s answers http://%s.localhost:%d/, because %s"
                        .formatted(service.name().value(), processes.size(), service.name().value(),
                                processes.stream().map(p -> String.valueOf(p.pid())).collect(Collectors.joining(", ")),
                                answering.map(p -> "pid " + p.pid()).orElse("port " + service.endpoint().port()),
                                service.name().value(), daemonPort, service.portRule()));
        }
        StringBuilder out = new StringBuilder(table.render());
        if (!notes.isEmpty()) out.append(System.lineSeparator());
        for (String note : notes) out.append(note).append(System.lineSeparator());
        return out.toString();
    }

    /** Where one port of a service answers with no set-up: {@code http://3001.app.localhost:9090/}. */
    public static String portUrl(Service service, int port, int daemonPort) {
        return "http://%d.%s.localhost:%d/".formatted(port, service.name().value(), daemonPort);
    }

    /** {@code [ctr busybox:1.36 3f2a9c1b0d4e] } before a container's command: its name, image and short id. */
    static String inContainer(ProcessInfo process) {
        return process.container().map(c -> inContainer(c.name(), c.image(), c.shortId())).orElse("");
    }

    public static String inContainer(String name, String image, String shortId) {
        return "[%s %s %s] ".formatted(name, image, shortId);
    }

    /** One line, at most {@link #COMMAND_WIDTH} characters; {@code -} for none. */
    public static String shorten(String command) {
        String oneLine = command.replaceAll("\\s+", " ").strip();
        if (oneLine.isEmpty()) return "-";
        return oneLine.length() <= COMMAND_WIDTH ? oneLine : oneLine.substring(0, COMMAND_WIDTH - 1) + "…";
    }
}
