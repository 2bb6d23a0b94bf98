package dev.localhome.bootstrap.config;

import dev.localhome.domain.ServiceName;
import java.util.Optional;

/**
 * The checks every layer applies, with one wording: {@code <where>: expected <what>, got <value>}. {@code where}
 * names the file and key, the environment variable or the flag; {@code got} is the value as the user wrote it.
 */
final class ConfigValues {
    static final String PORT_EXPECTATION = "a whole number from 0 to 65535";
    static final String MAPPED_PORT_EXPECTATION = "a port from 1 to 65535";
    static final String NAME_EXPECTATION =
            "a service name (letters, digits, '-' and '_', labels joined by dots)";
    static final String HOST_EXPECTATION = "a host name or IP address";
    static final String TRANSPORT_EXPECTATION =
            "one of \"auto\" (the fastest that loads here), \"epoll\", \"io_uring\", \"nio\"";

    private ConfigValues() {}

    static ConfigException wrong(String where, String expectation, String got) {
        return new ConfigException("%s: expected %s, got %s".formatted(where, expectation, got));
    }

    /** A listening port from text (an environment variable or a flag); 0 picks a free port. */
    static int port(String where, String text) {
        return parsePort(text).orElseThrow(() -> wrong(where, PORT_EXPECTATION, quoted(text)));
    }

    static Optional<Integer> parsePort(String text) {
        try {
            int port = Integer.parseInt(text.strip());
            return port >= 0 && port <= 65_535 ? Optional.of(port) : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    static ServiceName name(String where, String text) {
        return ServiceName.parse(text).orElseThrow(() -> wrong(where, NAME_EXPECTATION, quoted(text)));
    }

    static String bindHost(String where, String text) {
        if (text.isBlank() || text.strip().contains(" ")) throw wrong(where, HOST_EXPECTATION, quoted(text));
        return text.strip();
    }

    static String quoted(String text) {
        return '"' + text.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }
}
