package dev.localhome.adapters.netty;

import java.util.regex.Pattern;

/** How a process's command line is shown: shortened, and with anything that looks like a secret hidden. */
final class Commands {
    private static final int MAX_LENGTH = 120;
    private static final Pattern SECRET = Pattern.compile(
            "(?i)((?:--?|\\b)[\\w.-]*(?:token|secret|password|passwd|pwd|key|auth|credential)[\\w.-]*[=:\\s]\\s*)(\\S+)");

    private Commands() {}

    static String shorten(String command) {
        String hidden = SECRET.matcher(command).replaceAll("$1***");
        return hidden.length() <= MAX_LENGTH ? hidden : hidden.substring(0, MAX_LENGTH - 1) + "…";
    }
}
