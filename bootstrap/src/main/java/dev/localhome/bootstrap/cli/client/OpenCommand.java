package dev.localhome.bootstrap.cli.client;

import com.fasterxml.jackson.databind.JsonNode;
import dev.localhome.bootstrap.cli.common.CommandFailure;
import dev.localhome.bootstrap.cli.common.HostCommands;
import dev.localhome.bootstrap.cli.common.LogLevels;
import dev.localhome.bootstrap.cli.common.SharedOptions;
import dev.localhome.bootstrap.config.Config;
import dev.localhome.bootstrap.config.ConfigException;
import dev.localhome.domain.ServiceName;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code localhome open <name>}: the best URL for a running service. {@code https://<name>/} when the daemon
 * intercepts HTTPS and the name is one label (bare-name PAC routing covers those only), otherwise
 * {@code http://<name>.localhost:<port>/}, which needs no setup. Asks the daemon, so the service must be running.
 */
@Command(name = "open", description = "Print the best URL for a running service; with --browser, open it.")
public final class OpenCommand implements Callable<Integer> {
    @ParentCommand
    SharedOptions root;

    @Spec
    CommandSpec spec;

    /** Long enough for xdg-open to find no browser and say so; a browser it runs in the foreground outlasts it. */
    private static final Duration BROWSER_WAIT = Duration.ofSeconds(5);

    @Parameters(paramLabel = "NAME", description = "The service's name, as in NAME=app.")
    String name;

    @Option(names = "--browser", description = "Also open the URL in the default browser (xdg-open / open).")
    boolean browser;

    @Override
    public Integer call() {
        Config config = root.configFor(LogLevels.Mode.ONE_SHOT);
        ServiceName wanted = ServiceName.parse(name).orElseThrow(() -> new ConfigException(
                "'%s' is not a service name (letters, digits, '-' and '_', labels joined by dots)".formatted(name)));
        DaemonClient daemon = DaemonClient.forConfig(config);
        DaemonClient.Response status = daemon.get("/api/status");
        // a daemon from before /api/status: its services are there, its CA state is not (so no https:// URL)
        JsonNode facts = status.ok() ? StatusCommand.parse(status.body(), "/api/status")
                : StatusCommand.parse(daemon.get("/api/services").body(), "/api/services");
        String url = urlFor(wanted, facts, daemon.port())
                .orElseThrow(() -> new CommandFailure("no service named '%s' is running — start it with NAME=%s"
                        .formatted(wanted.value(), wanted.value())));
        PrintWriter out = spec.commandLine().getOut();
        out.println(url);
        out.flush();
        if (browser && openInBrowser(url) instanceof HostCommands.Launch.Failed failed)
            throw new CommandFailure("could not open a browser (%s): open %s yourself".formatted(failed.why(), url));
        return 0;
    }

    /** The URL for {@code name} in a status (or services) answer; empty when no such service runs. */
    static Optional<String> urlFor(ServiceName name, JsonNode facts, int daemonPort) {
        if (name.value().equals(facts.path("name").asText("").toLowerCase(Locale.ROOT)))
            return Optional.of("http://localhost:%d/".formatted(daemonPort)); // the daemon's own name: its dashboard
        for (JsonNode service : facts.path("services")) {
            if (!name.value().equals(service.path("name").asText("").toLowerCase(Locale.ROOT))) continue;
            boolean intercepting = facts.path("ca").path("interception").asBoolean(false);
            if (intercepting && name.value().indexOf('.') < 0) return Optional.of("https://%s/".formatted(name.value()));
            return Optional.of("http://%s.localhost:%d/".formatted(name.value(), daemonPort));
        }
        return Optional.empty();
    }

    /** xdg-open (open on macOS); one that exits non-zero within a few seconds found no browser to start. */
    private HostCommands.Launch openInBrowser(String url) {
        HostCommands host = new HostCommands(root.environment());
        boolean mac = System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("mac");
        return host.launchAndCheck(BROWSER_WAIT, mac ? "open" : "xdg-open", url);
    }
}
