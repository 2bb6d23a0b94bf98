package dev.localhome.adapters.discovery;

import dev.localhome.adapters.discovery.ProcNetTcpTable.ListeningSocket;
import dev.localhome.domain.Endpoint;
import dev.localhome.domain.Listener;
import dev.localhome.domain.ProcessInfo;
import dev.localhome.domain.ServiceName;
import dev.localhome.domain.port.ServiceDiscovery;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Linux discovery from the proc filesystem alone, no child processes: LISTEN rows of the tcp tables give socket
 * inodes, {@code /proc/<pid>/fd} links give their owners, {@code /proc/<pid>/environ} gives {@code NAME}; the
 * owners' {@code cmdline}, {@code cwd} and {@code stat} (with {@code /proc/stat}'s boot time) describe them.
 *
 * <p>Ordered from cheap to costly, and what was found is remembered: each scan reads the listening rows of the two
 * tcp tables (the kernel prints them first: reading stops at the first connection); the named
 * processes are searched for a socket's holders only when a loopback socket is new ({@link ProcFsSocketOwners}); a
 * holder's command line, directory and start time are read once, when it is first found holding such a socket. A process is not expected to change
 * its {@code NAME}, command line or directory while it listens: one that {@code exec}s another program but keeps its
 * listening socket is described as it was found until its socket changes hands.
 */
final class ProcFsServiceDiscovery implements ServiceDiscovery {
    private static final Logger log = LoggerFactory.getLogger(ProcFsServiceDiscovery.class);

    private final Path root;
    private final ByteOrder kernelOrder;
    private final ProcFsSocketOwners owners;
    private Optional<Instant> bootTime = Optional.empty(); // read once found: it does not change while we run
    private final Map<Long, Optional<Named>> described = new HashMap<>(); // guarded by this: by pid, as first read

    /** A process that answers to a name, as {@code /proc} described it when it was found. */
    private record Named(ServiceName name, ProcessInfo process) {}

    /** {@code kernelOrder} is how the tables print addresses: the native order on a real machine. */
    ProcFsServiceDiscovery(Path root, ByteOrder kernelOrder) {
        this.root = root;
        this.kernelOrder = kernelOrder;
        this.owners = new ProcFsSocketOwners(root);
    }

    @Override
    public String sourceName() {
        return "procfs";
    }

    @Override
    public synchronized List<Listener> scan() throws IOException {
        Map<Long, Endpoint> endpointByInode = new HashMap<>();
        for (String table : List.of("tcp", "tcp6")) {
            for (ListeningSocket socket : ProcNetTcpTable.listening(lines(table), kernelOrder)) {
                endpointByInode.put(socket.inode(), socket.endpoint());
            }
        }
        ProcFsSocketOwners.Owners found = owners.owning(endpointByInode.keySet());
        described.keySet().retainAll(found.inodesByPid().keySet());
        described.keySet().removeAll(found.foundNow()); // found anew: that pid may be another process than before

        // A set: a server on both 0.0.0.0 and :: is reached at 127.0.0.1 either way.
        Set<Listener> listeners = new LinkedHashSet<>();
        for (Map.Entry<Long, List<Long>> owner : found.inodesByPid().entrySet()) {
            Optional<Named> named = described.computeIfAbsent(owner.getKey(), this::describe);
            if (named.isEmpty()) continue;
            for (long inode : owner.getValue()) {
                listeners.add(new Listener(named.get().name(), endpointByInode.get(inode),
                        Optional.of(named.get().process())));
            }
        }
        log.debug("procfs scan: {} loopback listening sockets, {} named listeners", endpointByInode.size(),
                listeners.size());
        return new ArrayList<>(listeners);
    }

    private Optional<Named> describe(long pid) {
        Path pidDirectory = root.resolve(Long.toString(pid));
        return ProcFsProcess.name(pidDirectory)
                .map(name -> new Named(name, ProcFsProcess.info(pidDirectory, pid, bootTime())));
    }

    private Optional<Instant> bootTime() {
        if (bootTime.isEmpty()) bootTime = ProcFsProcess.bootTime(root);
        return bootTime;
    }

    /**
     * The table's rows up to its first connection: the kernel prints the listening sockets first and formats each
     * row only as it is read, so stopping there spares it the connections. On a machine busy with connections that
     * is most of a scan (measured: 5,100 TIME_WAIT rows cost 15 ms of kernel time per scan to print; the 34
     * listeners before them, 0.25 ms). A missing table is an empty one: tcp6 is absent when IPv6 is disabled.
     */
    private List<String> lines(String table) throws IOException {
        List<String> rows = new ArrayList<>();
        try (BufferedReader reader = Files.newBufferedReader(root.resolve("net").resolve(table), StandardCharsets.US_ASCII)) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (ProcNetTcpTable.isPastListeners(line)) break;
                rows.add(line);
            }
        } catch (NoSuchFileException e) {
            log.debug("no {} table under {}", table, root);
        }
        return rows;
    }

    @Override
    public String toString() {
        return "ProcFsServiceDiscovery[" + root + "]";
    }
}
