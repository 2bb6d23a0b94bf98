package dev.localhome.bootstrap.cli.client;

import dev.localhome.bootstrap.cli.common.CommandFailure;
import dev.localhome.bootstrap.cli.common.LogLevels;
import dev.localhome.bootstrap.cli.common.SharedOptions;
import dev.localhome.bootstrap.config.Config;
import dev.localhome.domain.ServiceName;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code localhome forget NAME}: asks the running daemon to forget a stopped service now, rather than a day after it
 * stopped; requests for the name then get the page for a name localhome never knew. Exit code 1 for a name that is
 * running or did not run lately, 3 when no daemon runs.
 */
@Command(name = "forget", description = "Forget a stopped service now: it leaves the dashboard, and its name is unknown again.")
public final class ForgetCommand implements Callable<Integer> {
    @ParentCommand
    SharedOptions root;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "NAME", description = "The stopped service, e.g. app.")
    String name;

    @Override
    public Integer call() {
        Optional<ServiceName> service = ServiceName.parse(name);
        if (service.isEmpty())
            throw new CommandFailure("'" + name + "' is not a service name (letters, digits, - and _, joined by dots)");
        Config config = root.configFor(LogLevels.Mode.ONE_SHOT);
        DaemonClient daemon = DaemonClient.forConfig(config);
        DaemonClient.Response answer = daemon.post("/api/services/" + service.get().value() + "/forget");
        String quoted = "'" + service.get().value() + "'";
        switch (answer.status()) {
            case 200 -> {
                spec.commandLine().getOut().println("forgot " + quoted);
                spec.commandLine().getOut().flush();
                return 0;
            }
            case 404 -> throw new CommandFailure("no stopped service is named " + quoted
                    + " (localhome status lists what runs and what stopped)");
            case 409 -> throw new CommandFailure(quoted + " is running: only a stopped service can be forgotten");
            default -> throw new CommandFailure("something on port %d answered HTTP %d — is it localhome? (choose the port with --port)"
                    .formatted(daemon.port(), answer.status()));
        }
    }
}
