package dev.localhome.adapters.discovery;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Builds a small proc filesystem in a directory: tcp tables, and pid directories with fd links, environ, cmdline. */
final class ProcFixture {
    static final String TCP_HEADER = "  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid"
            + "  timeout inode";
    static final String TCP6_HEADER = "  sl  local_address                         remote_address                     "
            + "   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode";

    private final Path root;
    private final List<String> tcp = new ArrayList<>(List.of(TCP_HEADER));
    private final List<String> tcp6 = new ArrayList<>(List.of(TCP6_HEADER));

    ProcFixture(Path root) {
        this.root = root;
    }

    Path root() {
        return root;
    }

    /** A row as the kernel prints it, e.g. {@code row("0100007F:1F90", "0A", 12345)}. */
    static String row(String localAddress, String state, long inode) {
        return "   0: %s %s %s 00000000:00000000 00:00000000 00000000  1000        0 %d 1 0000000000000000 100 0 0 10 0"
                .formatted(localAddress, localAddress.length() > 13 ? "0".repeat(32) + ":0000" : "00000000:0000",
                        state, inode);
    }

    ProcFixture tcp(String localAddress, String state, long inode) {
        tcp.add(row(localAddress, state, inode));
        return this;
    }

    ProcFixture tcp6(String localAddress, String state, long inode) {
        tcp6.add(row(localAddress, state, inode));
        return this;
    }

    /** A process whose fds 3, 4, ... link to the given socket inodes, after an eventpoll and a pipe. */
    ProcFixture process(long pid, String environ, String cmdline, long... socketInodes) {
        try {
            Path fd = Files.createDirectories(root.resolve(Long.toString(pid)).resolve("fd"));
            Files.createSymbolicLink(fd.resolve("0"), Path.of("anon_inode:[eventpoll]"));
            Files.createSymbolicLink(fd.resolve("1"), Path.of("pipe:[4026]"));
            for (int i = 0; i < socketInodes.length; i++) {
                Files.createSymbolicLink(fd.resolve(Integer.toString(3 + i)), Path.of("socket:[" + socketInodes[i] + "]"));
            }
            write(pid, "environ", environ);
            write(pid, "cmdline", cmdline);
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The process is gone: its directory with it. */
    ProcFixture exit(long pid) throws IOException {
        try (var files = Files.walk(root.resolve(Long.toString(pid)))) {
            for (Path path : files.sorted(java.util.Comparator.reverseOrder()).toList()) Files.delete(path);
        }
        return this;
    }

    /** Environment and command line as the kernel gives them: entries separated by NUL, "|" in tests for legibility. */
    ProcFixture write(long pid, String file, String content) throws IOException {
        Files.write(root.resolve(Long.toString(pid)).resolve(file),
                content.replace('|', '\0').getBytes(StandardCharsets.UTF_8));
        return this;
    }

    /** Writes the tables, listening sockets first as the kernel prints them; call after adding rows. */
    ProcFixture tables() throws IOException {
        Path net = Files.createDirectories(root.resolve("net"));
        Files.write(net.resolve("tcp"), kernelOrder(tcp));
        Files.write(net.resolve("tcp6"), kernelOrder(tcp6));
        return this;
    }

    private static List<String> kernelOrder(List<String> rows) {
        List<String> ordered = new ArrayList<>(rows.subList(0, 1));
        rows.stream().skip(1).filter(ProcNetTcpTable::isListenRow).forEach(ordered::add);
        rows.stream().skip(1).filter(row -> !ProcNetTcpTable.isListenRow(row)).forEach(ordered::add);
        return ordered;
    }
}
