package dev.localhome.adapters.discovery;

import dev.localhome.domain.Endpoint;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Parses the table printed by {@code lsof -nP -iTCP -sTCP:LISTEN}:
 *
 * <pre>
 * COMMAND   PID USER   FD   TYPE             DEVICE SIZE/OFF NODE NAME
 * node    41235 ann   23u  IPv4 0x8a5e3c1f2b4d6e70      0t0  TCP 127.0.0.1:3000 (LISTEN)
 * </pre>
 *
 * lsof escapes blanks inside COMMAND ({@code \x20}), so splitting on whitespace is safe.
 */
final class LsofListenTable {
    private static final int PID = 1;
    private static final int MIN_FIELDS = 9;
    /** Only literal addresses go to {@link InetAddress#getByName}, so parsing never triggers a DNS lookup. */
    private static final Pattern LITERAL = Pattern.compile("[0-9A-Fa-f:.]+");

    /** One listening socket that loopback reaches, and the pid holding it. */
    record LsofListener(long pid, Endpoint endpoint) {}

    private LsofListenTable() {}

    static List<LsofListener> parse(String output) {
        List<LsofListener> listeners = new ArrayList<>();
        for (String line : output.split("\n")) {
            String[] fields = line.trim().split("\\s+");
            if (fields.length < MIN_FIELDS || !isNumber(fields[PID])) continue; // the header, blank lines
            String name = fields[fields.length - 1].equals("(LISTEN)") ? fields[fields.length - 2]
                    : fields[fields.length - 1];
            endpoint(name).ifPresent(endpoint -> listeners.add(new LsofListener(Long.parseLong(fields[PID]), endpoint)));
        }
        return listeners;
    }

    /** {@code 127.0.0.1:3000}, {@code *:3000}, {@code [::1]:3000} → the loopback endpoint reaching it. */
    static Optional<Endpoint> endpoint(String name) {
        int colon = name.lastIndexOf(':');
        if (colon <= 0 || !isNumber(name.substring(colon + 1))) return Optional.empty();
        int port = Integer.parseInt(name.substring(colon + 1));
        if (port < 1 || port > 65_535) return Optional.empty();
        String host = name.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) host = host.substring(1, host.length() - 1);
        if (host.equals("*")) return Optional.of(Endpoint.loopback(port)); // any address, v4 or dual-stack v6
        if (!LITERAL.matcher(host).matches()) return Optional.empty(); // zone ids (fe80::1%lo0), names
        try {
            return LoopbackReach.of(InetAddress.getByName(host)).map(address -> new Endpoint(address, port));
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }

    private static boolean isNumber(String text) {
        if (text.isEmpty() || text.length() > 18) return false;
        for (int i = 0; i < text.length(); i++) {
            if (!Character.isDigit(text.charAt(i))) return false;
        }
        return true;
    }
}
