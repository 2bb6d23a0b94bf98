package dev.localhome.bootstrap.cli.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.localhome.bootstrap.cli.common.CommandFailure;
import dev.localhome.bootstrap.cli.common.LogLevels;
import dev.localhome.bootstrap.cli.common.SharedOptions;
import dev.localhome.bootstrap.config.Config;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code localhome status}: asks the daemon on the configured port ({@code /api/status}) what it is and what it
 * serves. Exit code 3 when none runs there. A daemon from before {@code /api/status} still answers
 * {@code /api/services}: its services are shown, with a note.
 */
@Command(name = "status", description = "Ask the running daemon: version, uptime, address, CA, plugins, services.")
public final class StatusCommand implements Callable<Integer> {
    static final ObjectMapper JSON = new ObjectMapper();

    @ParentCommand
    SharedOptions root;

    @Spec
    CommandSpec spec;

    @Option(names = "--json", description = "Print the daemon's /api/status JSON as received.")
    boolean json;

    @Override
    public Integer call() {
        Config config = root.configFor(LogLevels.Mode.ONE_SHOT);
        DaemonClient daemon = DaemonClient.forConfig(config);
        PrintWriter out = spec.commandLine().getOut();
        DaemonClient.Response status = daemon.get("/api/status");
        if (status.ok()) {
            out.print(json ? withNewline(status.body()) : StatusReport.render(parse(status.body(), "/api/status")));
        } else if (status.status() == 404) {
            DaemonClient.Response services = daemon.get("/api/services");
            if (!services.ok()) throw unexpected(daemon, services);
            spec.commandLine().getErr().println("localhome: the daemon on port %d is running but has no /api/status "
                    .formatted(daemon.port()) + "(an older version?); showing its /api/services");
            out.print(json ? withNewline(services.body())
                    : "localhome is running on port %d%n%n".formatted(daemon.port())
                            + StatusReport.services(parse(services.body(), "/api/services").path("services")));
        } else {
            throw unexpected(daemon, status);
        }
        out.flush();
        return 0;
    }

    public static JsonNode parse(String body, String path) {
        try {
            return JSON.readTree(body);
        } catch (JsonProcessingException e) {
            throw new CommandFailure("the daemon's " + path + " is not JSON: " + e.getOriginalMessage(), e);
        }
    }

    private static CommandFailure unexpected(DaemonClient daemon, DaemonClient.Response response) {
        return new CommandFailure("something on port %d answered HTTP %d — is it localhome? (choose the port with --port)"
                .formatted(daemon.port(), response.status()));
    }

    private static String withNewline(String body) {
        return body.endsWith("\n") ? body : body + "\n";
    }
}
