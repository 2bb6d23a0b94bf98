package dev.localhome.domain.routing;

import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Pattern;

/**
 * A host with an optional port, as found in a {@code Host} header, a {@code CONNECT} target or an absolute URI:
 * {@code app.localhost:9090}, {@code [::1]:9090}, {@code app}. The host is lower-cased and loses a trailing dot.
 */
public record Authority(String host, OptionalInt port) {
    private static final Pattern IPV4_LOOPBACK = Pattern.compile("127\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}");
    private static final Pattern IPV4_LITERAL = Pattern.compile("\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}");

    public Authority {
        host = host.toLowerCase(Locale.ROOT);
        if (host.endsWith(".")) host = host.substring(0, host.length() - 1);
    }

    /** Parses {@code host[:port]}; empty for anything malformed (user-info, stray brackets, a bad port, spaces). */
    public static Optional<Authority> parse(String text) {
        if (text == null || text.isEmpty() || text.length() > 300) return Optional.empty();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c <= ' ' || c == '@' || c == '/' || c == '\\' || c >= 0x7f) return Optional.empty();
        }
        String host;
        String portText = null;
        if (text.startsWith("[")) {
            int close = text.indexOf(']');
            if (close < 0) return Optional.empty();
            host = text.substring(1, close);
            if (!isIpv6Literal(host)) return Optional.empty(); // brackets hold an IPv6 address and nothing else
            String rest = text.substring(close + 1);
            if (!rest.isEmpty()) {
                if (!rest.startsWith(":")) return Optional.empty();
                portText = rest.substring(1);
            }
        } else {
            if (text.indexOf('[') >= 0 || text.indexOf(']') >= 0) return Optional.empty();
            int colon = text.lastIndexOf(':');
            if (colon >= 0 && text.indexOf(':') != colon) return Optional.empty(); // bare IPv6 without brackets
            host = colon >= 0 ? text.substring(0, colon) : text;
            portText = colon >= 0 ? text.substring(colon + 1) : null;
        }
        if (host.isEmpty() || host.equals(".")) return Optional.empty(); // "." would lose its dot and be empty
        if (portText == null) return Optional.of(new Authority(host, OptionalInt.empty()));
        OptionalInt port = parsePort(portText);
        return port.isPresent() ? Optional.of(new Authority(host, port)) : Optional.empty();
    }

    private static boolean isIpv6Literal(String host) {
        return host.indexOf(':') >= 0 && host.chars().allMatch(c -> Character.digit(c, 16) >= 0 || c == ':' || c == '.');
    }

    private static OptionalInt parsePort(String text) {
        if (text.isEmpty() || text.length() > 5) return OptionalInt.empty();
        for (int i = 0; i < text.length(); i++) if (!Character.isDigit(text.charAt(i))) return OptionalInt.empty();
        int port = Integer.parseInt(text);
        return port >= 1 && port <= 65_535 ? OptionalInt.of(port) : OptionalInt.empty();
    }

    /** {@code localhost}, {@code 127.0.0.1}, {@code ::1} and the rest of 127/8: the daemon's own addresses. */
    public boolean isLoopback() {
        return host.equals("localhost") || host.equals("::1") || host.equals("0:0:0:0:0:0:0:1")
                || (host.startsWith("127.") && IPV4_LOOPBACK.matcher(host).matches()); // the prefix spares every name a regex
    }

    /** An IP address rather than a name: {@code 127.0.0.1}, {@code 192.168.1.10}, {@code ::1}. */
    public boolean isAddressLiteral() {
        return host.indexOf(':') >= 0 || IPV4_LITERAL.matcher(host).matches(); // parse lets ':' in only as IPv6
    }

    /** As it would be written in a request: {@code [::1]:9090}, {@code app}. */
    public String text() {
        String shown = host.indexOf(':') >= 0 ? "[" + host + "]" : host;
        return port.isPresent() ? shown + ":" + port.getAsInt() : shown;
    }

    /** The part before {@code .localhost}, when the host ends that way. */
    public Optional<String> localhostSubdomain() {
        return host.endsWith(".localhost") ? Optional.of(host.substring(0, host.length() - ".localhost".length()))
                : Optional.empty();
    }
}
