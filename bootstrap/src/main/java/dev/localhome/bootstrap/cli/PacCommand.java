package dev.localhome.bootstrap.cli;

import dev.localhome.bootstrap.cli.format.Json;
import dev.localhome.bootstrap.cli.common.LogLevels;
import dev.localhome.bootstrap.config.Config;
import dev.localhome.domain.routing.ProxyAutoConfig;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code localhome pac}: the PAC file for the configured port, for system proxy settings that want a file. */
@Command(name = "pac", description = "Print the proxy auto-config (PAC) file for the configured port.")
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
        String pac = ProxyAutoConfig.forPort(config.port());
        spec.commandLine().getOut().print(!json ? pac : Json.pretty(Map.of("port", config.port(),
                "url", "http://localhost:%d/proxy.pac".formatted(config.port()), "pac", pac)));
        spec.commandLine().getOut().flush();
        return 0;
    }
}
