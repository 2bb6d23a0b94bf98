package dev.localhome.plugins.npmnames;

import dev.localhome.domain.Endpoint;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The TCP sockets listening where loopback reaches them, from {@code /proc/net/tcp} and {@code tcp6}, by inode. A
 * row: {@code 0: 0100007F:1F90 00000000:0000 0A ... inode}; state {@code 0A} is LISTEN; the address is hex in the
 * kernel's (little-endian, on every machine this runs on) word order, the port plain hex.
 * https://www.kernel.org/doc/Documentation/networking/proc_net_tcp.txt
 */
final class ListeningSockets {
    private static final String IPV4_LOOPBACK_OR_ANY = "^(0100007F|00000000)$";
    private static final String IPV6_LOOPBACK = "00000000000000000000000001000000";
    private static final String IPV6_ANY = "00000000000000000000000000000000";
    private static final String IPV4_MAPPED_LOOPBACK = "0000000000000000FFFF00000100007F";

    private ListeningSockets() {}

    static Map<Long, Endpoint> byInode(Path proc) throws IOException {
        Map<Long, Endpoint> sockets = new HashMap<>();
        for (String table : List.of("tcp", "tcp6")) {
            for (String line : lines(proc.resolve("net").resolve(table))) {
                String[] fields = line.trim().split("\\s+");
                if (fields.length < 10 || !fields[3].equals("0A")) continue; // the header, or not LISTEN
                String[] local = fields[1].split(":");
                if (local.length != 2) continue;
                String address = loopbackReaching(local[0].toUpperCase());
                if (address == null) continue;
                try {
                    int port = Integer.parseInt(local[1], 16);
                    long inode = Long.parseLong(fields[9]);
                    if (port > 0 && inode > 0) sockets.put(inode, new Endpoint(address, port));
                } catch (NumberFormatException e) {
                    // an unreadable row: not ours to name
                }
            }
        }
        return sockets;
    }

    /** The loopback address that reaches a socket bound to {@code hex}, or null when loopback does not. */
    private static String loopbackReaching(String hex) {
        if (hex.matches(IPV4_LOOPBACK_OR_ANY) || hex.equals(IPV4_MAPPED_LOOPBACK)) return Endpoint.IPV4_LOOPBACK;
        if (hex.equals(IPV6_LOOPBACK) || hex.equals(IPV6_ANY)) return Endpoint.IPV6_LOOPBACK;
        return null;
    }

    /** A missing table is an empty one: tcp6 is absent without IPv6, both are absent off Linux. */
    private static List<String> lines(Path table) throws IOException {
        try {
            return Files.readAllLines(table);
        } catch (NoSuchFileException e) {
            return List.of();
        }
    }
}
