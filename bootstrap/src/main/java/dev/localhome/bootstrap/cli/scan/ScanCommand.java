package dev.localhome.bootstrap.cli.scan;

import com.google.inject.Injector;
import dev.localhome.application.ServiceRegistry;
import dev.localhome.bootstrap.cli.common.SharedOptions;
import dev.localhome.bootstrap.cli.format.ServiceTable;
import dev.localhome.bootstrap.cli.common.LogLevels;
import dev.localhome.bootstrap.cli.client.DaemonClient;
import dev.localhome.bootstrap.cli.common.CommandFailure;
import dev.localhome.bootstrap.cli.common.DaemonNotRunningException;
import dev.localhome.bootstrap.config.Config;
import dev.localhome.bootstrap.wiring.Plugins;
import dev.localhome.bootstrap.wiring.Wiring;
import dev.localhome.domain.Service;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code localhome scan}: what the daemon would find right now, without a daemon. Goes through the same registry and
 * sources as the daemon (plugins included), so what it shows is what will route.
 */
@Command(name = "scan", description = "List the services discovered now: NAME, PORT, URL, PID, COMMAND; a row for each other port.")
public final class ScanCommand implements Callable<Integer> {
    @ParentCommand
    SharedOptions root;

    @Spec
    CommandSpec spec;

    @Option(names = "--json", description = "Print JSON, the shape of the daemon's /api/services.")
    boolean json;

    @Override
    public Integer call() {
        Config config = root.configFor(LogLevels.Mode.ONE_SHOT);
        Injector injector = Wiring.injector(config, root.environment(), Plugins.load(ScanCommand.class.getClassLoader()));
        List<Service> services;
        try (ServiceRegistry registry = injector.getInstance(ServiceRegistry.class)) {
            services = registry.rescan().join().services();
        }
        PrintWriter out = spec.commandLine().getOut();
        out.print(json ? ScanJson.render(services, config.port()) : ServiceTable.render(services, config.port()));
        out.flush();
        if (services.isEmpty() && !json)
            spec.commandLine().getErr().println("no services found — start one with NAME=app, e.g. NAME=app npm run dev");
        if (!daemonAnswersOn(config))
            spec.commandLine().getErr().printf("localhome: no daemon answers on port %d: these URLs assume it will "
                    + "listen there; give the daemon's port with --port (or PORT, or the config's port)%n", config.port());
        return 0;
    }

    /**
     * Whether a daemon answers at the configured port: the URLs carry that port, so a daemon started with another
     * ({@code --port 9191} in another terminal) would make them wrong without a word.
     */
    private static boolean daemonAnswersOn(Config config) {
        if (config.port() == 0) return false;
        try {
            return DaemonClient.forConfig(config).get("/api/status").ok();
        } catch (DaemonNotRunningException | CommandFailure e) {
            return false;
        }
    }
}
