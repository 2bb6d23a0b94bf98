package dev.localhome.adapters.discovery;

/** Command lines as the dashboard and logs show them. */
final class Commands {
    /** Long enough to recognise a process; short enough that a scan of many processes stays small. */
    static final int MAX_LENGTH = 200;

    private Commands() {}

    static String shorten(String command) {
        String trimmed = command.strip();
        return trimmed.length() <= MAX_LENGTH ? trimmed : trimmed.substring(0, MAX_LENGTH - 1) + "…";
    }
}
