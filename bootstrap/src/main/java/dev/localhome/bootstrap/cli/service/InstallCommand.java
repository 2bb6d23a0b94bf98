package dev.localhome.bootstrap.cli.service;

import dev.localhome.bootstrap.cli.common.CommandFailure;
import dev.localhome.bootstrap.cli.common.Failures;
import dev.localhome.bootstrap.cli.common.LogLevels;
import dev.localhome.bootstrap.cli.common.SharedOptions;
import dev.localhome.bootstrap.config.Config;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code localhome install}: puts the installed copy's {@code localhome} on {@code PATH} and runs the daemon as a
 * service of the user's login (systemd user unit, launchd agent) with the flags given here, e.g.
 * {@code localhome install --port 8080}. The installed copy is the distribution this process was started from
 * ({@link InstalledCopy}); a build folder, which {@code mvn clean} deletes, is refused.
 */
@Command(name = "install", description = {
        "Put localhome on PATH (~/.local/bin) and run the daemon as a user service: a systemd user unit on Linux, a "
                + "launchd agent on macOS.",
        "Uses this installed copy and the options given here (--port, --bind, --name, --mkcert-ca-root, --config).",
        "Running it again (from a newer copy, too) updates the service and restarts it."})
public final class InstallCommand implements Callable<Integer> {
    @ParentCommand
    SharedOptions root;

    @Spec
    CommandSpec spec;

    @Option(names = "--now", description = "Where no service manager can run it (no systemd user manager), start the "
            + "daemon now, in the background.")
    boolean now;

    @Override
    public Integer call() {
        Config config = root.configFor(LogLevels.Mode.ONE_SHOT); // a broken config fails here, not in a restart loop
        PathLink link = new PathLink(root.environment());
        Optional<InstalledCopy> copy = InstalledCopy.of(root.environment());
        DaemonLaunch launch = copy.map(installed -> DaemonLaunch.ofLauncher(installed.program(link.onPath()),
                root.explicitFlags())).orElseGet(() -> DaemonLaunch.ofThisJvm(root.explicitFlags()));
        if (copy.isEmpty() && launch.runsFromBuildOutput()) {
            spec.commandLine().getErr().println("localhome: install runs an installed copy, and this one runs from a "
                    + "build folder (" + DaemonLaunch.mainCodeSource() + "), which 'mvn clean' deletes. Make the "
                    + "distribution (mvn -B package -pl bootstrap -am), unpack "
                    + "bootstrap/target/localhome-<version>-linux-x64.tar.gz where it should stay, and run its "
                    + "bin/localhome install.");
            spec.commandLine().getErr().flush();
            return Failures.CONFIG_ERROR;
        }
        try {
            copy.ifPresent(installed -> link.link(installed, spec.commandLine().getOut()));
        } catch (UncheckedIOException e) {
            throw new CommandFailure(e.getMessage(), e);
        }
        UserService service = UserService.forThisPlatform(root.environment());
        Optional<InetSocketAddress> startNowAt = now
                ? Optional.of(new InetSocketAddress(config.bindHost(), config.port())) : Optional.empty();
        int exitCode = service.install(launch, startNowAt, spec.commandLine().getOut(), spec.commandLine().getErr());
        spec.commandLine().getOut().flush();
        spec.commandLine().getErr().flush();
        return exitCode;
    }
}
