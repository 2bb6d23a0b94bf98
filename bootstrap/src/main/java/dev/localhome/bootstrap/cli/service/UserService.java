package dev.localhome.bootstrap.cli.service;

import dev.localhome.bootstrap.cli.common.CommandFailure;
import dev.localhome.bootstrap.cli.common.Failures;
import dev.localhome.bootstrap.cli.common.HostCommands;
import dev.localhome.bootstrap.cli.common.LogFile;
import dev.localhome.bootstrap.config.Environment;
import java.io.IOException;
import dev.localhome.bootstrap.cli.service.BackgroundDaemon;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/**
 * The per-user service manager that keeps the daemon running: systemd's user manager on Linux, launchd on macOS.
 * {@code install} writes the unit (or agent) file and asks the manager to run it; {@code uninstall} stops it and
 * removes the file. Both can run any number of times and say what they did. Exit codes as {@link Failures} documents.
 */
abstract class UserService {
    static final int OK = 0;

    protected final Environment environment;
    protected final HostCommands host;

    UserService(Environment environment, HostCommands host) {
        this.environment = environment;
        this.host = host;
    }

    /** The one for this operating system; other systems have none. */
    static UserService forThisPlatform(Environment environment) {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        HostCommands host = new HostCommands(environment);
        if (os.startsWith("mac")) return new LaunchdAgent(environment, host);
        if (os.startsWith("linux")) return new SystemdUserService(environment, host);
        throw new CommandFailure("localhome install knows systemd (Linux) and launchd (macOS), not "
                + System.getProperty("os.name") + "; run the daemon with: " + DaemonLaunch.ofThisJvm(java.util.List.of())
                .shellCommand());
    }

    /** The unit or agent file. */
    abstract Path file();

    /**
     * Writes the service and starts it.
     *
     * @param startNowAt where no service manager can run it: start the daemon now, in the background, and wait for
     *                   it to listen at this address ({@code install --now})
     */
    abstract int install(DaemonLaunch launch, Optional<InetSocketAddress> startNowAt, PrintWriter out,
                         PrintWriter err);

    abstract int uninstall(PrintWriter out, PrintWriter err);

    /** Writes {@code text} to {@link #file()} and says whether it was created or updated. */
    protected void write(String text, PrintWriter out) {
        Path file = file();
        try {
            boolean existed = Files.exists(file);
            boolean same = existed && Files.readString(file, StandardCharsets.UTF_8).equals(text);
            Files.createDirectories(file.getParent());
            Files.writeString(file, text, StandardCharsets.UTF_8);
            out.println(!existed ? "Created " + file
                    : same ? "Updated " + file + " (no changes)" : "Updated " + file);
        } catch (IOException e) {
            throw new CommandFailure("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    /** Deletes {@link #file()}; false when there was none. */
    protected boolean delete(PrintWriter out) {
        try {
            boolean deleted = Files.deleteIfExists(file());
            if (deleted) out.println("Removed " + file());
            return deleted;
        } catch (IOException e) {
            throw new CommandFailure("cannot remove " + file() + ": " + e.getMessage(), e);
        }
    }

    /** The directory the log file goes to must exist before launchd opens its output file there. */
    protected Path logFile() {
        Path logFile = LogFile.location(environment);
        try {
            Files.createDirectories(logFile.getParent());
        } catch (IOException e) {
            throw new CommandFailure("cannot create " + logFile.getParent() + ": " + e.getMessage(), e);
        }
        return logFile;
    }

    /** The daemon {@code install --now} started, whose pid is kept beside the log file. */
    protected BackgroundDaemon backgroundDaemon() {
        return new BackgroundDaemon(LogFile.location(environment).resolveSibling("localhome.pid"));
    }

    protected static void reportWhereItRuns(DaemonLaunch launch, Path logFile, PrintWriter out) {
        out.println("Logs: " + logFile + " (localhome logs -f)");
        out.println("Check it: localhome status");
        if (launch.runsFromBuildOutput())
            out.println("Note: it runs the jar in your build's target/ directory; 'mvn clean' deletes it. Copy the "
                    + "jar somewhere stable and install from there to avoid that.");
    }
}
