package dev.localhome.bootstrap.cli.format;

import java.util.ArrayList;
import java.util.List;

/** Text in aligned columns: every column but the last padded to its widest cell plus two spaces; no trailing blanks. */
public final class Table {
    private final List<List<String>> rows = new ArrayList<>();

    public Table row(String... cells) {
        rows.add(List.of(cells));
        return this;
    }

    boolean hasRows() {
        return !rows.isEmpty();
    }

    public String render() {
        return render("");
    }

    /** The table with {@code indent} before every line. */
    public String render(String indent) {
        int columns = rows.stream().mapToInt(List::size).max().orElse(0);
        int[] widths = new int[columns];
        for (List<String> row : rows)
            for (int column = 0; column < row.size(); column++)
                widths[column] = Math.max(widths[column], row.get(column).length());
        StringBuilder text = new StringBuilder();
        for (List<String> row : rows) {
            StringBuilder line = new StringBuilder(indent);
            for (int column = 0; column < row.size(); column++) {
                String cell = row.get(column);
                line.append(column == row.size() - 1 ? cell : cell + " ".repeat(widths[column] + 2 - cell.length()));
            }
            text.append(line.toString().stripTrailing()).append('\n');
        }
        return text.toString();
    }
}
