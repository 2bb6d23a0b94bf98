package dev.localhome.bootstrap.cli;

import dev.localhome.domain.ProcessInfo;
import dev.localhome.domain.Service;
import java.util.List;
import java.util.stream.Collectors;

/** {@code localhome scan}'s table: NAME, PORT, PID, COMMAND, columns padded to their widest cell. */
final class ServiceTable {
    /** Long command lines (node with its flags) would wrap every row; the JSON output has the full text. */
    static final int COMMAND_WIDTH = 80;

    private ServiceTable() {}

    static String render(List<Service> services) {
        Table table = new Table().row("NAME", "PORT", "PID", "COMMAND");
        for (Service service : services) {
            List<ProcessInfo> processes = service.processes();
            table.row(service.name().value(),
                    String.valueOf(service.endpoint().port()),
                    processes.isEmpty() ? "-" : processes.stream().map(p -> String.valueOf(p.pid()))
                            .collect(Collectors.joining(",")),
                    processes.isEmpty() ? "-" : shorten(processes.get(0).command()));
        }
        return table.render();
    }

    /** One line, at most {@link #COMMAND_WIDTH} characters; {@code -} for none. */
    static String shorten(String command) {
        String oneLine = command.replaceAll("\\s+", " ").strip();
        if (oneLine.isEmpty()) return "-";
        return oneLine.length() <= COMMAND_WIDTH ? oneLine : oneLine.substring(0, COMMAND_WIDTH - 1) + "…";
    }
}
