package dev.localhome.bootstrap.cli.client;

import dev.localhome.bootstrap.cli.common.CommandFailure;
import dev.localhome.bootstrap.cli.common.DaemonNotRunningException;
import dev.localhome.bootstrap.cli.common.ManifestVersion;
import dev.localhome.bootstrap.cli.common.LogLevels;
import dev.localhome.bootstrap.cli.common.SharedOptions;
import dev.localhome.bootstrap.config.Config;
import dev.localhome.bootstrap.mcp.DaemonApi;
import dev.localhome.bootstrap.mcp.LocalhomeMcpServer;
import java.io.PrintStream;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code localhome mcp}: a Model Context Protocol server on stdio for coding agents, over the daemon on the
 * configured port ({@link LocalhomeMcpServer}). Runs until the client closes stdin; a daemon that is not running
 * (yet) is each tool's answer, not a reason to exit.
 */
@Command(name = "mcp", description = "Serve the Model Context Protocol on stdio (for coding agents): list_services, "
        + "service_url, recent_requests, daemon_status. Register it with e.g. claude mcp add localhome -- localhome mcp.")
public final class McpCommand implements Callable<Integer> {
    @ParentCommand
    SharedOptions root;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        Config config = root.configFor(LogLevels.Mode.ONE_SHOT);
        DaemonClient daemon = DaemonClient.forConfig(config);
        PrintStream protocol = System.out;
        // stdout is the protocol's: a stray println anywhere in the process would corrupt it, so it goes to stderr
        System.setOut(System.err);
        spec.commandLine().getErr().println("localhome mcp: serving MCP on stdio for the daemon on " + daemon.address());
        LocalhomeMcpServer.serve(new Questions(daemon), ManifestVersion.version(), System.in, protocol);
        return 0;
    }

    /** The tools' view of {@link DaemonClient}: its exceptions become answers the tools can word for the model. */
    private record Questions(DaemonClient daemon) implements DaemonApi {
        @Override
        public Answer get(String path) {
            try {
                DaemonClient.Response response = daemon.get(path);
                return new Answer.Answered(response.status(), response.body());
            } catch (DaemonNotRunningException e) {
                return new Answer.NotRunning();
            } catch (CommandFailure e) {
                return new Answer.Failed(e.getMessage());
            }
        }

        @Override
        public String address() {
            return daemon.address();
        }
    }
}
