package dev.localhome.bootstrap.cli;

import dev.localhome.bootstrap.cli.format.Json;
import dev.localhome.bootstrap.cli.common.LogLevels;
import dev.localhome.bootstrap.cli.client.DaemonClient;
import dev.localhome.bootstrap.cli.common.CommandFailure;
import dev.localhome.bootstrap.cli.common.DaemonNotRunningException;
import dev.localhome.bootstrap.config.Config;
import dev.localhome.domain.routing.ProxyAutoConfig;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code localhome pac}: the PAC file for the configured port, for system proxy settings that want a file. */
@Command(name = "pac", description = "Print the proxy auto-config (PAC) file for the configured port (the running daemon's, with the names it serves).")
final class PacCommand implements Callable<Integer> {
    @ParentCommand
    LocalhomeCommand root;

    @Spec
    CommandSpec spec;

    @Option(names = "--json", description = "Print JSON: the port, the PAC file's URL on the daemon, and its text.")
    boolean json;

    @Override
    public Integer call() {
        Config config = root.configFor(LogLevels.Mode.ONE_SHOT);
        if (config.port() == 0)
            spec.commandLine().getErr().println("localhome: port 0 means \"any free port\"; the PAC file needs the "
                    + "port the daemon really listens on (see its LISTENING: line)");
        String pac = fromDaemon(config).orElseGet(() -> ProxyAutoConfig.forPort(config.port(), List.of(config.ownName())));
        spec.commandLine().getOut().print(!json ? pac : Json.pretty(Map.of("port", config.port(),
                "url", "http://localhost:%d/proxy.pac".formatted(config.port()), "pac", pac)));
        spec.commandLine().getOut().flush();
        return 0;
    }

    /**
     * The running daemon's PAC file, which lists the services it serves now; empty when none answers. Without it the
     * file lists the daemon's own name only: services still reach it when their names resolve nowhere.
     */
    private static Optional<String> fromDaemon(Config config) {
        if (config.port() == 0) return Optional.empty();
        try {
            DaemonClient.Response response = DaemonClient.forConfig(config).get("/proxy.pac");
            return response.ok() ? Optional.of(response.body()) : Optional.empty();
        } catch (DaemonNotRunningException | CommandFailure e) {
            return Optional.empty();
        }
    }
}
