package dev.localhome.adapters.discovery;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Parses {@code ps -ww -o pid=,command=} with and without {@code -E}. With {@code -E}, macOS appends the environment
 * to the command line, blank-separated, and values may themselves contain blanks; so the environment is split on
 * {@code " KEY="} occurrences. Knowing the plain command line lets us cut it off first, so an argument such as
 * {@code make NAME=x} is never mistaken for the environment.
 */
final class PsEnvironmentLines {
    /** A blank followed by something that looks like the start of a variable, {@code KEY=}. */
    private static final Pattern BEFORE_VARIABLE = Pattern.compile(" (?=[A-Za-z_][A-Za-z0-9_]*=)");
    private static final String NAME_KEY = "NAME=";

    private PsEnvironmentLines() {}

    /** pid → the rest of the line, from {@code ps -o pid=,command=} output. */
    static Map<Long, String> byPid(String output) {
        Map<Long, String> lines = new HashMap<>();
        for (String line : output.split("\n")) {
            String trimmed = line.stripLeading();
            int blank = trimmed.indexOf(' ');
            if (blank <= 0) continue;
            try {
                lines.put(Long.parseLong(trimmed.substring(0, blank)), trimmed.substring(blank + 1).stripTrailing());
            } catch (NumberFormatException e) {
                // not a process line
            }
        }
        return lines;
    }

    /**
     * The raw {@code NAME} value in a {@code ps -E} command column. {@code command} is the same process's column
     * without {@code -E}; when it is not a prefix (the process exec'd in between) the whole column is searched.
     */
    static Optional<String> name(String withEnvironment, String command) {
        String environment = !command.isEmpty() && withEnvironment.startsWith(command + " ")
                ? withEnvironment.substring(command.length())
                : withEnvironment;
        String found = null;
        for (String part : BEFORE_VARIABLE.split(environment)) {
            // the last one wins: the environment comes after anything in the command line
            if (part.startsWith(NAME_KEY)) found = part.substring(NAME_KEY.length());
        }
        return Optional.ofNullable(found);
    }
}
