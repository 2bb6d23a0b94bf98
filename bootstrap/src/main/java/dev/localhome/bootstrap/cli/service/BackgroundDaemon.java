package dev.localhome.bootstrap.cli.service;

import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A daemon that {@code localhome install --now} started in the background where no service manager runs one: in
 * its own session ({@code setsid}, so closing the terminal does not hang it up), its output to the log file, its pid
 * in a file beside the log so that installing again, or {@code uninstall}, can stop it.
 */
public final class BackgroundDaemon {
    private static final Duration START_WAIT = Duration.ofSeconds(30);
    private static final Duration STOP_WAIT = Duration.ofSeconds(15);

    private final Path pidFile;

    /** @param pidFile where the pid is kept, {@code $XDG_STATE_HOME/localhome/localhome.pid} */
    public BackgroundDaemon(Path pidFile) {
        this.pidFile = pidFile;
    }

    /**
     * Starts {@code command} (the launcher and its flags), with {@code variables} as its whole environment, and waits
     * until {@code address} accepts connections; stops a daemon this class started before, first.
     *
     * @param setsid the {@code setsid} program when there is one
     * @return the daemon's pid
     */
    public long start(List<String> command, Map<String, String> variables, Optional<Path> setsid,
                      InetSocketAddress address, PrintWriter out) {
        stop(out);
        List<String> full = new ArrayList<>();
        setsid.ifPresent(program -> full.add(program.toString()));
        full.addAll(command);
        ProcessBuilder builder = new ProcessBuilder(full).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD);
        builder.environment().clear();
        builder.environment().putAll(variables);
        Process process;
        try {
            process = builder.start();
            Files.createDirectories(pidFile.getParent());
            Files.writeString(pidFile, process.pid() + "\n", StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + command.get(0) + ": " + e.getMessage(), e);
        }
        Instant deadline = Instant.now().plus(START_WAIT);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive())
                throw new IllegalStateException("the daemon exited at once (exit code " + process.exitValue()
                        + "); see its log");
            if (accepts(address)) {
                out.println("Started localhome in the background (pid " + process.pid() + "), listening on "
                        + address.getHostString() + ":" + address.getPort() + "; 'localhome uninstall' stops it.");
                return process.pid();
            }
            pause();
        }
        out.println("Started localhome in the background (pid " + process.pid() + "); it is not listening on "
                + address.getHostString() + ":" + address.getPort() + " yet: see its log.");
        return process.pid();
    }

    /** Stops the daemon of the pid file, if it still runs and is localhome; false when there was none. */
    public boolean stop(PrintWriter out) {
        Optional<ProcessHandle> daemon = running();
        try {
            Files.deleteIfExists(pidFile);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove " + pidFile + ": " + e.getMessage(), e);
        }
        if (daemon.isEmpty()) return false;
        daemon.get().destroy(); // SIGTERM: the daemon finishes what is in flight, then exits
        try {
            daemon.get().onExit().get(STOP_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            daemon.get().destroyForcibly();
        }
        out.println("Stopped the daemon started in the background (pid " + daemon.get().pid() + ")");
        return true;
    }

    /** The process of the pid file, when it is alive and runs localhome (a pid can be reused). */
    Optional<ProcessHandle> running() {
        try {
            if (!Files.isRegularFile(pidFile)) return Optional.empty();
            long pid = Long.parseLong(Files.readString(pidFile, StandardCharsets.UTF_8).strip());
            return ProcessHandle.of(pid).filter(ProcessHandle::isAlive).filter(BackgroundDaemon::isLocalhome);
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static boolean isLocalhome(ProcessHandle process) {
        String commandLine = process.info().commandLine().orElse("");
        return commandLine.contains("localhome");
    }

    private static boolean accepts(InetSocketAddress address) {
        try (Socket socket = new Socket()) {
            socket.connect(address, 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static void pause() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the daemon", e);
        }
    }
}
