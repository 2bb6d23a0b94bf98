package dev.localhome.bootstrap.config;

import dev.localhome.domain.ServiceName;
import java.net.InetAddress;
import java.net.UnknownHostException;
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

    /**
     * An address to listen on: checked here, where it is known whether it came from {@code --bind},
     * {@code BIND_HOST} or a file's {@code bind}, rather than when binding fails with the JDK's bare
     * {@code UnresolvedAddressException}. An address literal needs no lookup; a name is resolved once.
     */
    static String bindHost(String where, String text) {
        if (text.isBlank() || text.strip().contains(" ")) throw wrong(where, HOST_EXPECTATION, quoted(text));
        String host = text.strip();
        String literal = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        if (!literal.matches("[0-9.]+|[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*")) {
            try {
                InetAddress.getByName(literal);
            } catch (UnknownHostException e) {
                throw new ConfigException(("%s: cannot listen on %s: this machine cannot resolve that name to an "
                        + "address; give an address such as 127.0.0.1 (the default) or ::1").formatted(where, quoted(text)));
            }
        }
        return host;
    }

    static String quoted(String text) {
        return '"' + text.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }
}
