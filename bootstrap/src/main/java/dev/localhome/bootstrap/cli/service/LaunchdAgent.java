package dev.localhome.bootstrap.cli.service;

import dev.localhome.bootstrap.cli.common.Failures;
import dev.localhome.bootstrap.cli.common.HostCommands;
import dev.localhome.bootstrap.config.Environment;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** {@code ~/Library/LaunchAgents/dev.localhome.plist}, loaded into the user's GUI domain with {@code launchctl}. */
final class LaunchdAgent extends UserService {
    LaunchdAgent(Environment environment, HostCommands host) {
        super(environment, host);
    }

    @Override
    Path file() {
        return environment.home().resolve("Library").resolve("LaunchAgents").resolve(LaunchdPlist.FILE_NAME);
    }

    @Override
    int install(DaemonLaunch launch, Optional<InetSocketAddress> startNowAt, PrintWriter out, PrintWriter err) {
        // launchd is always there on macOS: it starts the agent now, so startNowAt needs nothing more
        Path logFile = logFile();
        write(LaunchdPlist.text(launch, logFile, logFile.resolveSibling("launchd-output.log")), out);
        String domain = domain();
        // bootstrap refuses a label that is already loaded: unload the old agent first (fails harmlessly if none)
        host.run("launchctl", "bootout", domain + "/" + LaunchdPlist.LABEL);
        HostCommands.Result load = host.run("launchctl", "bootstrap", domain, file().toString());
        if (!load.succeeded()) {
            err.println("localhome: the agent is written, but launchd did not start it (launchctl bootstrap: "
                    + load.firstLine() + ").");
            err.println("Try: launchctl bootstrap " + domain + " " + file() + "; or start it by hand: "
                    + launch.shellCommand() + " &");
            return Failures.RUNTIME_FAILURE;
        }
        out.println("Started " + LaunchdPlist.LABEL + " with launchd; it starts again at every login and after a "
                + "failure.");
        reportWhereItRuns(launch, logFile, out);
        return OK;
    }

    @Override
    int uninstall(PrintWriter out, PrintWriter err) {
        if (!Files.exists(file())) {
            out.println("localhome is not installed (no " + file() + "); nothing to do.");
            return OK;
        }
        HostCommands.Result unload = host.run("launchctl", "bootout", domain(), file().toString());
        out.println(unload.succeeded() ? "Stopped " + LaunchdPlist.LABEL
                : "launchd was not running it (" + unload.firstLine() + ")");
        delete(out);
        return OK;
    }

    /** The logged-in user's GUI domain, {@code gui/<uid>}. */
    private String domain() {
        HostCommands.Result id = host.run("id", "-u");
        return "gui/" + (id.succeeded() ? id.output().strip() : "$(id -u)");
    }
}
