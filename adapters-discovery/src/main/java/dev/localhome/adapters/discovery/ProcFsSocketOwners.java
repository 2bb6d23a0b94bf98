package dev.localhome.adapters.discovery;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Finds which processes hold given sockets, from the {@code socket:[inode]} links in {@code /proc/<pid>/fd}. */
final class ProcFsSocketOwners {
    private static final Logger log = LoggerFactory.getLogger(ProcFsSocketOwners.class);
    private static final String PREFIX = "socket:[";

    private final Path root;
    private Set<Long> lastInodes = Set.of(); // guarded by this: the question of the last full walk
    private Map<Long, List<Long>> lastOwners = Map.of(); // guarded by this: its answer

    ProcFsSocketOwners(Path root) {
        this.root = root;
    }

    /**
     * Each pid that holds at least one of {@code inodes}, with the ones it holds. A socket inherited across fork
     * (pre-forking servers) belongs to several pids; each of them is reported.
     *
     * <p>Walking every process's fds is most of a scan's cost, and between two scans the listening sockets rarely
     * change: when they are the same as last time and their owners still hold them, the last answer stands. (A
     * worker forked since, holding the same socket, is then reported at the next change, not at once.)
     */
    synchronized Map<Long, List<Long>> owning(Set<Long> inodes) throws IOException {
        if (inodes.equals(lastInodes) && stillHeld(lastOwners)) return lastOwners;
        Map<Long, List<Long>> owners = walkAll(inodes);
        lastInodes = Set.copyOf(inodes);
        lastOwners = owners;
        return owners;
    }

    private boolean stillHeld(Map<Long, List<Long>> owners) {
        for (Map.Entry<Long, List<Long>> owner : owners.entrySet()) {
            Path fdDirectory = root.resolve(Long.toString(owner.getKey())).resolve("fd");
            if (!socketsHeldBy(fdDirectory, Set.copyOf(owner.getValue())).containsAll(owner.getValue())) return false;
        }
        return true;
    }

    private Map<Long, List<Long>> walkAll(Set<Long> inodes) throws IOException {
        Map<Long, List<Long>> owners = new LinkedHashMap<>();
        try (DirectoryStream<Path> pids = Files.newDirectoryStream(root, ProcFsSocketOwners::isPidDirectory)) {
            for (Path pidDirectory : pids) {
                List<Long> held = socketsHeldBy(pidDirectory.resolve("fd"), inodes);
                if (!held.isEmpty()) owners.put(Long.parseLong(pidDirectory.getFileName().toString()), List.copyOf(held));
            }
        }
        return Collections.unmodifiableMap(owners);
    }

    private static List<Long> socketsHeldBy(Path fdDirectory, Set<Long> inodes) {
        List<Long> held = new ArrayList<>();
        // Other users' fd directories are unreadable and processes exit mid-scan: both only mean "not ours".
        try (DirectoryStream<Path> fds = Files.newDirectoryStream(fdDirectory)) {
            for (Path fd : fds) {
                long inode = socketInode(fd);
                if (inode > 0 && inodes.contains(inode)) held.add(inode);
            }
        } catch (IOException | SecurityException e) {
            log.debug("skipping {}: {}", fdDirectory, e.toString());
        }
        return held;
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
        } catch (IOException | UnsupportedOperationException e) {
            return -1; // the fd was closed between listing and reading
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
