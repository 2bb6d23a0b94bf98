package dev.localhome.bootstrap.cli;

import dev.localhome.domain.ProcessInfo;
import dev.localhome.domain.Service;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** {@code localhome scan}'s table: NAME, PORT, PID, COMMAND, columns padded to their widest cell. */
final class ServiceTable {
    /** Long command lines (node with its flags) would wrap every row; the JSON output has the full text. */
    static final int COMMAND_WIDTH = 80;

    private ServiceTable() {}

    static String render(List<Service> services) {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"NAME", "PORT", "PID", "COMMAND"});
        for (Service service : services) {
            List<ProcessInfo> processes = service.processes();
            rows.add(new String[] {
                    service.name().value(),
                    String.valueOf(service.endpoint().port()),
                    processes.isEmpty() ? "-" : processes.stream().map(p -> String.valueOf(p.pid()))
                            .collect(Collectors.joining(",")),
                    processes.isEmpty() ? "-" : shorten(processes.get(0).command())});
        }
        int[] widths = new int[4];
        for (String[] row : rows)
            for (int column = 0; column < row.length; column++)
                widths[column] = Math.max(widths[column], row[column].length());
        StringBuilder table = new StringBuilder();
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder();
            for (int column = 0; column < row.length; column++) {
                boolean last = column == row.length - 1;
                line.append(last ? row[column] : pad(row[column], widths[column] + 2));
            }
            table.append(line.toString().stripTrailing()).append('\n');
        }
        return table.toString();
    }

    private static String pad(String cell, int width) {
        return cell + " ".repeat(width - cell.length());
    }

    private static String shorten(String command) {
        String oneLine = command.replaceAll("\\s+", " ").strip();
        if (oneLine.isEmpty()) return "-";
        return oneLine.length() <= COMMAND_WIDTH ? oneLine : oneLine.substring(0, COMMAND_WIDTH - 1) + "…";
    }
}
