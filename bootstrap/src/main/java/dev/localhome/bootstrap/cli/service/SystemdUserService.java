package dev.localhome.bootstrap.cli.service;

import dev.localhome.bootstrap.cli.common.Failures;
import dev.localhome.bootstrap.cli.common.HostCommands;
import dev.localhome.bootstrap.cli.common.LogFile;
import dev.localhome.bootstrap.config.Environment;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code ~/.config/systemd/user/localhome.service}, run by systemd's user manager. Where there is no user manager (as
 * root, in a container, over ssh without a login session: {@code systemctl --user} cannot connect), the unit is still
 * written and the user is told how to start the daemon by hand.
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
    int install(DaemonLaunch launch, PrintWriter out, PrintWriter err) {
        Path logFile = logFile();
        write(SystemdUnit.text(launch, logFile), out);
        HostCommands.Result reload = systemctl("daemon-reload");
        if (!reload.succeeded()) return notStarted(launch, logFile, reload, out, err);
        HostCommands.Result enable = systemctl("enable", SystemdUnit.FILE_NAME);
        if (!enable.succeeded()) return notStarted(launch, logFile, enable, out, err);
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

    private int notStarted(DaemonLaunch launch, Path logFile, HostCommands.Result failure, PrintWriter out,
                           PrintWriter err) {
        err.println("localhome: the unit is written, but the daemon is NOT running: systemd's user manager is not "
                + "reachable here (systemctl --user: " + failure.firstLine() + ").");
        err.println("This happens as root, in containers, and over ssh without a login session. Either:");
        err.println("  - let your user manager run without a login session, then install again:");
        err.println("      loginctl enable-linger \"$USER\" && localhome install");
        err.println("  - or start the daemon by hand, in the background:");
        err.println("      " + LogFile.VARIABLE + "=" + shellQuoted(logFile.toString()) + " nohup "
                + launch.shellCommand() + " >/dev/null 2>&1 &");
        out.println("Logs (once it runs): " + logFile);
        return NOT_STARTED;
    }

    @Override
    int uninstall(PrintWriter out, PrintWriter err) {
        if (!Files.exists(file())) {
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
