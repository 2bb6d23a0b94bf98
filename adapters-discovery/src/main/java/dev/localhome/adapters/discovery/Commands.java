package dev.localhome.adapters.discovery;

/** Command lines as the dashboard and logs show them. */
final class Commands {
    /**
     * Long enough to read a real dev server's whole command (the dashboard wraps it and shows it all on hover; a
     * JVM's class path runs longer and is cut); short enough that a scan of many processes stays small.
     */
    static final int MAX_LENGTH = 1_000;

    private Commands() {}

    static String shorten(String command) {
        String trimmed = command.strip();
        return trimmed.length() <= MAX_LENGTH ? trimmed : trimmed.substring(0, MAX_LENGTH - 1) + "…";
    }
}
