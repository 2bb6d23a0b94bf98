package dev.localhome.bootstrap.cli.service;

import dev.localhome.bootstrap.cli.common.LogLevels;
import dev.localhome.bootstrap.cli.common.SharedOptions;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code localhome install}: runs the daemon as a service of the user's login (systemd user unit, launchd agent),
 * with this {@code java}, this jar and the flags given here, e.g. {@code localhome install --port 8080}.
 */
@Command(name = "install", description = {
        "Run the daemon as a user service: a systemd user unit on Linux, a launchd agent on macOS.",
        "Uses this java, this jar and the options given here (--port, --bind, --name, --mkcert-ca-root, --config).",
        "Running it again updates the service."})
public final class InstallCommand implements Callable<Integer> {
    @ParentCommand
    SharedOptions root;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        root.configFor(LogLevels.Mode.ONE_SHOT); // a broken config fails here, not in a restart loop under systemd
        UserService service = UserService.forThisPlatform(root.environment());
        int exitCode = service.install(DaemonLaunch.ofThisJvm(root.explicitFlags()), spec.commandLine().getOut(),
                spec.commandLine().getErr());
        spec.commandLine().getOut().flush();
        spec.commandLine().getErr().flush();
        return exitCode;
    }
}
