package dev.localhome.adapters.certs;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells when the CA files changed: a {@link WatchService} on each directory a CA may be found in (and on its parent,
 * or its nearest existing ancestor while it does not exist yet, so that {@code ca init} creating it is seen) wakes it;
 * once events stop for {@link #QUIET_MS} (a file is written in several steps), it compares each CA file's size,
 * modification time and mode with what it saw last, and calls back when one changed.
 *
 * <p>Where the JDK's watch service polls (macOS, every few seconds), it also compares them every second without an
 * event. On Linux the service is the kernel's inotify, which wakes this thread only when something happens, so the
 * check without an event runs once a minute, for what inotify cannot see (a CA on a network file system changed by
 * another machine): an idle daemon does no per-second work. A directory that appears under a watched one is not
 * missed between its event and registering it: the files are compared after registering.
 */
final class CaWatcher implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(CaWatcher.class);
    static final long QUIET_MS = 150;
    private static final long CHECK_MS = 1_000;
    private static final long CHECK_MS_WITH_INOTIFY = 60_000;

    private final List<Path> directories;
    private final Runnable changed;
    private final WatchService service;
    private final Thread thread;
    private final long checkMs;
    private List<String> stamp;

    private CaWatcher(List<Path> directories, Runnable changed, WatchService service) {
        this.directories = List.copyOf(directories);
        this.changed = changed;
        this.service = service;
        // the JDK's Linux watch service is inotify; elsewhere (macOS, BSD) it polls, or may
        this.checkMs = System.getProperty("os.name", "").startsWith("Linux") ? CHECK_MS_WITH_INOTIFY : CHECK_MS;
        this.thread = new Thread(this::run, "localhome-ca-watcher");
        this.thread.setDaemon(true);
    }

    /** @param directories where a CA may be found, fixed at start-up (finding mkcert's runs a process) */
    static CaWatcher start(List<Path> directories, Runnable changed) {
        WatchService service;
        try {
            service = FileSystems.getDefault().newWatchService();
        } catch (IOException e) {
            throw new IllegalStateException("cannot watch the CA files: " + e.getMessage(), e);
        }
        CaWatcher watcher = new CaWatcher(directories, changed, service);
        watcher.stamp = watcher.stamp();
        watcher.register();
        watcher.thread.start();
        return watcher;
    }

    private void run() {
        try {
            while (!Thread.currentThread().isInterrupted()) {
                WatchKey key = service.poll(checkMs, TimeUnit.MILLISECONDS);
                boolean evented = key != null;
                while (key != null) { // drain until quiet: ca init writes the key, then the certificate
                    key.pollEvents();
                    key.reset();
                    key = service.poll(QUIET_MS, TimeUnit.MILLISECONDS);
                }
                // the events only wake this early: what counts is whether a CA file changed (a watched ancestor
                // such as HOME sees many events that concern no CA)
                if (evented) register(); // a directory may have appeared (its files before it was watched), or gone
                List<String> now = stamp();
                if (now.equals(stamp)) continue;
                stamp = now;
                try {
                    changed.run();
                } catch (RuntimeException e) {
                    log.warn("reloading the CA failed", e);
                }
            }
        } catch (InterruptedException | ClosedWatchServiceException e) {
            // closed: the daemon is stopping
        }
    }

    /** Each CA directory, its parent, or the nearest ancestor that exists. Registering twice is harmless. */
    private void register() {
        for (Path directory : directories) {
            for (Path watched : List.of(directory, Objects.requireNonNullElse(directory.getParent(), directory))) {
                Path existing = watched.toAbsolutePath();
                while (existing != null && !Files.isDirectory(existing)) existing = existing.getParent();
                if (existing == null) continue;
                try {
                    existing.register(service, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_DELETE,
                            StandardWatchEventKinds.ENTRY_MODIFY);
                } catch (IOException e) {
                    log.debug("cannot watch {}: {}", existing, e.toString());
                }
            }
        }
    }

    /** Size and modification time of each CA file there may be: what changes when a CA is written or removed. */
    private List<String> stamp() {
        List<String> stamp = new ArrayList<>();
        for (Path directory : directories) {
            for (Path file : List.of(CaFiles.certificate(directory), CaFiles.key(directory))) {
                try {
                    BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
                    // readability and mode too: a chmod that makes a key usable (or not) changes neither size nor time
                    stamp.add(file + " " + attributes.size() + " " + attributes.lastModifiedTime() + " "
                            + Files.isReadable(file) + " " + mode(file));
                } catch (IOException e) {
                    stamp.add(file + " absent");
                }
            }
        }
        return stamp;
    }

    private static String mode(Path file) {
        try {
            return PosixFilePermissions.toString(Files.getPosixFilePermissions(file));
        } catch (IOException | UnsupportedOperationException e) {
            return "";
        }
    }

    @Override
    public void close() {
        thread.interrupt();
        try {
            service.close();
        } catch (IOException e) {
            log.debug("closing the CA watcher: {}", e.toString());
        }
    }
}
