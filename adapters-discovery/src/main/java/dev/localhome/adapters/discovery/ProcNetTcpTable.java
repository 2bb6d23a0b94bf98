package dev.localhome.adapters.discovery;

import dev.localhome.domain.Endpoint;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the listening sockets out of {@code /proc/net/tcp} and {@code /proc/net/tcp6}.
 *
 * <p>A row looks like {@code 0: 0100007F:1F90 00000000:0000 0A ... uid timeout inode ...}. The address is printed as
 * 32-bit words in the kernel's byte order, the port as a plain hex number. See
 * https://www.kernel.org/doc/Documentation/networking/proc_net_tcp.txt
 */
final class ProcNetTcpTable {
    private static final Logger log = LoggerFactory.getLogger(ProcNetTcpTable.class);
    private static final String LISTEN = "0A";
    private static final String SYN_RECV = "03";
    private static final int LOCAL_ADDRESS = 1;
    private static final int STATE = 3;
    private static final int INODE = 9;
    private static final Pattern WHITESPACE = Pattern.compile("\\s+");

    /** A listening socket and the loopback endpoint that reaches it. */
    record ListeningSocket(long inode, Endpoint endpoint) {}

    private ProcNetTcpTable() {}

    /** The LISTEN rows of one table reachable on loopback; {@code order} is the byte order of the kernel. */
    static List<ListeningSocket> listening(List<String> lines, ByteOrder order) {
        List<ListeningSocket> sockets = new ArrayList<>();
        for (String line : lines) {
            if (!isListenRow(line)) continue; // most rows are connections: not worth splitting (also skips the header)
            String[] fields = WHITESPACE.split(line.trim());
            if (fields.length <= INODE) continue;
            try {
                parse(fields, order).ifPresent(sockets::add);
            } catch (IllegalArgumentException | UnknownHostException e) {
                log.debug("skipping an unreadable row of a tcp table: {}", e.getMessage());
            }
        }
        return sockets;
    }

    /** Whether the row's state field (the fourth) is LISTEN, found without splitting the row. */
    static boolean isListenRow(String line) {
        return hasState(line, LISTEN);
    }

    /**
     * Whether the row is past the listening sockets: the kernel prints every listening socket first (its listening
     * hash), then the connections (the established hash: ESTABLISHED, TIME_WAIT, ...), see {@code tcp_get_idx} in
     * <a href="https://github.com/torvalds/linux/blob/master/net/ipv4/tcp_ipv4.c">net/ipv4/tcp_ipv4.c</a>. Kernels
     * before 4.4 printed a listener's pending connections (SYN_RECV) right after it, so those do not end the
     * listeners. The header row (and a blank one) ends nothing.
     */
    static boolean isPastListeners(String line) {
        return !line.isBlank() && !line.strip().startsWith("sl") && !hasState(line, LISTEN) && !hasState(line, SYN_RECV);
    }

    private static boolean hasState(String line, String state) {
        int field = 0;
        int i = 0;
        int length = line.length();
        while (i < length) {
            while (i < length && Character.isWhitespace(line.charAt(i))) i++;
            int start = i;
            while (i < length && !Character.isWhitespace(line.charAt(i))) i++;
            if (start == i) return false;
            if (field++ == STATE) return i - start == state.length() && line.startsWith(state, start);
        }
        return false;
    }

    private static Optional<ListeningSocket> parse(String[] fields, ByteOrder order) throws UnknownHostException {
        String local = fields[LOCAL_ADDRESS];
        int colon = local.indexOf(':');
        if (colon < 0) throw new IllegalArgumentException("no port in " + local);
        InetAddress address = InetAddress.getByAddress(addressBytes(local.substring(0, colon), order));
        int port = Integer.parseInt(local.substring(colon + 1), 16);
        long inode = Long.parseLong(fields[INODE]);
        if (inode == 0 || port == 0) return Optional.empty();
        return LoopbackReach.of(address).map(loopback -> new ListeningSocket(inode, new Endpoint(loopback, port)));
    }

    /** 8 hex digits (IPv4) or 32 (IPv6), each 8-digit group one word in the kernel's byte order. */
    private static byte[] addressBytes(String hex, ByteOrder order) {
        if (hex.length() != 8 && hex.length() != 32) throw new IllegalArgumentException("not an address: " + hex);
        ByteBuffer bytes = ByteBuffer.allocate(hex.length() / 2).order(order);
        for (int i = 0; i < hex.length(); i += 8) {
            bytes.putInt(Integer.parseUnsignedInt(hex, i, i + 8, 16));
        }
        return bytes.array();
    }
}
