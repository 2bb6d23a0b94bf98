package dev.localhome.adapters.discovery;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds which processes with a {@code NAME} hold given sockets, from the {@code socket:[inode]} links in
 * {@code /proc/<pid>/fd}, and remembers the answer per socket.
 *
 * <p>Linux tells an unprivileged process nothing when a socket starts listening, so discovery looks on a clock, and
 * what it costs is this search on a machine with hundreds of processes (a JVM or a browser holds hundreds of fds,
 * one {@code readlink} each). So the search is narrowed twice:
 * <ul>
 *   <li>only processes whose environment has a valid {@code NAME} are searched (one read of
 *       {@code /proc/<pid>/environ} each, read afresh at every search: a process that {@code exec}s with a new
 *       environment keeps its pid), since only they can be services;
 *   <li>only sockets that are new, or whose every holder has let go of them (a launcher that handed its socket to a
 *       child and exited), are searched for: each socket's holders are remembered as {@code /proc/<pid>/fd/<n>}
 *       links, and a later call reads only those links to see that they still point at it. Sockets that left the
 *       tables are forgotten.
 * </ul>
 * An unchanged machine thus costs one {@code readlink} per held socket per call.
 *
 * <p>What the memory does not see at once: a process forked after its socket was found (pre-forking workers) is
 * reported once the holders found first have let go of it. A socket held by no named process (another user's
 * server, a server without {@code NAME}) is remembered as held by nobody and not searched for again while it listens.
 */
final class ProcFsSocketOwners {
    private static final Logger log = LoggerFactory.getLogger(ProcFsSocketOwners.class);
    private static final String PREFIX = "socket:[";

    /** Where one process holds a socket: {@code /proc/<pid>/fd/<fd>}. */
    private record Holder(long pid, String fd) {}

    /**
     * Each pid that holds at least one of the sockets asked about, with the ones it holds; and the pids a search of this
     * call found, whose {@code /proc} entries may describe another process than a pid of the same number before.
     */
    record Owners(Map<Long, List<Long>> inodesByPid, Set<Long> foundNow) {}

    private final Path root;
    private final Map<Long, List<Holder>> holdersByInode = new HashMap<>(); // guarded by this
    private long searches; // guarded by this: how many times the processes were searched, for tests

    ProcFsSocketOwners(Path root) {
        this.root = root;
    }

    /**
     * Each pid that holds at least one of {@code inodes}, with the ones it holds, in a stable order. A socket
     * inherited across fork belongs to several pids; each of them is reported.
     */
    synchronized Owners owning(Set<Long> inodes) throws IOException {
        holdersByInode.keySet().retainAll(inodes);
        Set<Long> unknown = new HashSet<>();
        for (long inode : inodes) {
            List<Holder> holders = holdersByInode.get(inode);
            if (holders == null) {
                unknown.add(inode);
                continue;
            }
            List<Holder> still = stillHolding(holders, inode);
            if (still.isEmpty() && !holders.isEmpty()) unknown.add(inode); // handed on: find who has it now
            else if (still.size() != holders.size()) holdersByInode.put(inode, still);
        }
        Set<Long> foundNow = unknown.isEmpty() ? Set.of() : search(unknown);
        return new Owners(byPid(inodes), foundNow);
    }

    /** How many times the processes were searched: at the first call, then only for new or handed-on sockets. */
    synchronized long searches() {
        return searches;
    }

    private List<Holder> stillHolding(List<Holder> holders, long inode) {
        List<Holder> still = new ArrayList<>(holders.size());
        for (Holder holder : holders) {
            try {
                if (socketInode(root.resolve(Long.toString(holder.pid())).resolve("fd").resolve(holder.fd())) == inode)
                    still.add(holder);
            } catch (AccessDeniedException e) {
                // it was readable when found: denied now means another process took its pid
            }
        }
        return still;
    }

    /** Looks for {@code inodes} in every process with a name; returns the pids holding one. */
    private Set<Long> search(Set<Long> inodes) throws IOException {
        searches++;
        Set<Long> found = new HashSet<>();
        for (long inode : inodes) holdersByInode.put(inode, new ArrayList<>(1));
        try (DirectoryStream<Path> pids = Files.newDirectoryStream(root, ProcFsSocketOwners::isPidDirectory)) {
            for (Path pidDirectory : pids) {
                if (ProcFsProcess.name(pidDirectory).isEmpty()) continue; // no service: its fds do not matter
                long pid = Long.parseLong(pidDirectory.getFileName().toString());
                // Other users' fd directories are unreadable and processes exit mid-scan: both only mean "not ours".
                try (DirectoryStream<Path> fds = Files.newDirectoryStream(pidDirectory.resolve("fd"))) {
                    for (Path fd : fds) {
                        long inode = socketInode(fd);
                        if (inode > 0 && inodes.contains(inode)) {
                            holdersByInode.get(inode).add(new Holder(pid, fd.getFileName().toString()));
                            found.add(pid);
                        }
                    }
                } catch (IOException | SecurityException e) {
                    log.debug("skipping {}: {}", pidDirectory, e.toString());
                }
            }
        }
        log.debug("searched the named processes for {} listening sockets", inodes.size());
        return found;
    }

    private Map<Long, List<Long>> byPid(Set<Long> inodes) {
        Map<Long, List<Long>> owners = new LinkedHashMap<>();
        for (long inode : inodes.stream().sorted().toList()) {
            for (Holder holder : holdersByInode.getOrDefault(inode, List.of()))
                owners.computeIfAbsent(holder.pid(), pid -> new ArrayList<>()).add(inode);
        }
        owners.replaceAll((pid, held) -> List.copyOf(held));
        return Collections.unmodifiableMap(owners);
    }

    /**
     * The inode of a {@code socket:[inode]} link, or -1 for anything else (files, pipes, a closed fd).
     *
     * @throws AccessDeniedException when links of this process are unreadable: then all of them are, and giving up
     *     on the process at once spares an exception per fd (measured: 270 denied fds cost about 3 ms per scan)
     */
    private static long socketInode(Path fd) throws AccessDeniedException {
        String target;
        try {
            target = Files.readSymbolicLink(fd).toString();
        } catch (AccessDeniedException e) {
            throw e;
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            return -1; // the fd was closed between listing and reading, or its process is gone
        }
        if (!target.startsWith(PREFIX) || !target.endsWith("]")) return -1;
        try {
            return Long.parseLong(target, PREFIX.length(), target.length() - 1, 10);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static boolean isPidDirectory(Path path) {
        String name = path.getFileName().toString();
        if (name.isEmpty() || name.length() > 18) return false;
        for (int i = 0; i < name.length(); i++) {
            if (!Character.isDigit(name.charAt(i))) return false;
        }
        return true;
    }
}
