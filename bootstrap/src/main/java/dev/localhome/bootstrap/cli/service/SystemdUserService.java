package dev.localhome.bootstrap.cli.service;

import dev.localhome.bootstrap.cli.common.Failures;
import dev.localhome.bootstrap.cli.common.HostCommands;
import dev.localhome.bootstrap.cli.common.LogFile;
import dev.localhome.bootstrap.config.Environment;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * {@code ~/.config/systemd/user/localhome.service}, run by systemd's user manager. Where there is none (no systemctl
 * at all, or, as root, in a container, over ssh without a login session, {@code systemctl --user} cannot connect),
 * the user is told how to start localhome at login on such a system, and {@code --now} starts it in the background:
 * not an error, since such a system cannot do more (exit 0).
 */
final class SystemdUserService extends UserService {
    static final int NOT_STARTED = Failures.RUNTIME_FAILURE;

    SystemdUserService(Environment environment, HostCommands host) {
        super(environment, host);
    }

    @Override
    Path file() {
        Path configHome = environment.variable("XDG_CONFIG_HOME").map(Path::of).filter(Path::isAbsolute)
                .orElseGet(() -> environment.home().resolve(".config"));
        return configHome.resolve("systemd").resolve("user").resolve(SystemdUnit.FILE_NAME);
    }

    @Override
    int install(DaemonLaunch launch, Optional<InetSocketAddress> startNowAt, PrintWriter out, PrintWriter err) {
        Path logFile = logFile();
        if (host.find("systemctl").isEmpty())
            return withoutUserManager("systemctl is not installed", launch, logFile, startNowAt, out, err);
        write(SystemdUnit.text(launch, logFile), out);
        HostCommands.Result reload = systemctl("daemon-reload");
        if (!reload.succeeded())
            return withoutUserManager("systemctl --user: " + reload.firstLine(), launch, logFile, startNowAt, out, err);
        HostCommands.Result enable = systemctl("enable", SystemdUnit.FILE_NAME);
        if (!enable.succeeded())
            return withoutUserManager("systemctl --user: " + enable.firstLine(), launch, logFile, startNowAt, out, err);
        backgroundDaemon().stop(out); // one started with --now before systemd could: the service replaces it
        // restart, not start: a second install must run the new command line
        HostCommands.Result restart = systemctl("restart", SystemdUnit.FILE_NAME);
        if (!restart.succeeded()) {
            err.println("localhome: systemd could not start " + SystemdUnit.FILE_NAME + ": " + restart.firstLine());
            err.println("See why: systemctl --user status " + SystemdUnit.FILE_NAME + "; journalctl --user -u "
                    + SystemdUnit.FILE_NAME + "; localhome logs");
            return NOT_STARTED;
        }
        out.println("Started " + SystemdUnit.FILE_NAME + " under systemd's user manager; it starts again at every "
                + "login and after a failure.");
        reportWhereItRuns(launch, logFile, out);
        return OK;
    }

    private int withoutUserManager(String why, DaemonLaunch launch, Path logFile,
                                   Optional<InetSocketAddress> startNowAt, PrintWriter out, PrintWriter err) {
        String start = LogFile.VARIABLE + "=" + shellQuoted(logFile.toString()) + " nohup " + launch.shellCommand()
                + " >/dev/null 2>&1 &";
        if (startNowAt.isPresent()) {
            Map<String, String> variables = new HashMap<>(environment.variablesWithHome());
            variables.put(LogFile.VARIABLE, logFile.toString());
            try {
                backgroundDaemon().start(launch.command(), variables, host.find("setsid"), startNowAt.get(), out);
            } catch (IllegalStateException | UncheckedIOException e) {
                err.println("localhome: could not start the daemon in the background: " + e.getMessage()
                        + " (log: " + logFile + ")");
                return NOT_STARTED;
            }
        }
        LoginStart.explain(why, launch.withCommand("status").shellCommand(), start, userName(), startNowAt.isPresent(),
                logFile, out);
        return OK;
    }

    /** The login name, for commands to copy: {@code $USER} is not set everywhere (containers, cron, su). */
    private String userName() {
        return environment.variable("USER").filter(user -> !user.isBlank())
                .orElseGet(() -> System.getProperty("user.name", "$(id -un)"));
    }

    @Override
    int uninstall(PrintWriter out, PrintWriter err) {
        BackgroundDaemon background = backgroundDaemon();
        boolean stoppedInBackground = background.stop(out);
        if (!Files.exists(file())) {
            if (!stoppedInBackground)
                out.println("localhome is not installed (no " + file() + "); nothing to do.");
            return OK;
        }
        HostCommands.Result disable = systemctl("disable", "--now", SystemdUnit.FILE_NAME);
        if (disable.succeeded()) out.println("Stopped and disabled " + SystemdUnit.FILE_NAME);
        else out.println("Could not stop it through systemd (" + disable.firstLine() + "); a daemon started by hand "
                + "keeps running until you stop it.");
        delete(out);
        if (disable.succeeded()) systemctl("daemon-reload");
        return OK;
    }

    private HostCommands.Result systemctl(String... arguments) {
        String[] withUser = new String[arguments.length + 1];
        withUser[0] = "--user";
        System.arraycopy(arguments, 0, withUser, 1, arguments.length);
        return host.run("systemctl", withUser);
    }

    private static String shellQuoted(String word) {
        return word.matches("[A-Za-z0-9_@%+=:,./-]+") ? word : "'" + word.replace("'", "'\\''") + "'";
    }
}
