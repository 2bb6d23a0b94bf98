package dev.localhome.bootstrap.cli;

import dev.localhome.bootstrap.cli.common.LogLevels;
import dev.localhome.bootstrap.cli.common.ManifestVersion;
import dev.localhome.bootstrap.cli.common.SharedOptions;
import dev.localhome.bootstrap.config.Config;
import dev.localhome.bootstrap.config.ConfigLoader;
import dev.localhome.bootstrap.config.Environment;
import dev.localhome.bootstrap.config.Flags;
import dev.localhome.bootstrap.daemon.StartupTrace;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code localhome}: runs the daemon, like {@code localhome run}. Holds the options every command shares; they are
 * inherited, so {@code localhome --port 8080 scan} and {@code localhome scan --port 8080} mean the same, and
 * subcommands read them here through {@code @ParentCommand}. The subcommands are added by {@link CommandTree}: only
 * the one a command line names, so {@code localhome status} does not build the model of every other command.
 */
@Command(name = "localhome",
        mixinStandardHelpOptions = true,
        scope = ScopeType.INHERIT,
        versionProvider = ManifestVersion.class,
        description = "Gives every local dev server a name instead of a port: NAME=app npm run dev, then "
                + "http://app.localhost:9090/.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:ok", "1:runtime failure (e.g. the port is in use, the service could not be started)",
                "2:usage or configuration error", "3:no daemon is running (status, open, requests, forget)"})
public final class LocalhomeCommand implements Callable<Integer>, SharedOptions {
    private final Environment environment;

    @Spec
    CommandSpec spec;

    @Option(names = "--port", scope = ScopeType.INHERIT, paramLabel = "PORT",
            description = "Port to listen on; 0 picks a free one (env PORT; default 9090).")
    Integer port;

    @Option(names = "--bind", scope = ScopeType.INHERIT, paramLabel = "ADDRESS",
            description = "Address to listen on (env BIND_HOST; default 127.0.0.1).")
    String bindHost;

    @Option(names = "--name", scope = ScopeType.INHERIT, paramLabel = "NAME",
            description = "The daemon's own service name, which serves the dashboard (default home).")
    String name;

    @Option(names = "--mkcert-ca-root", scope = ScopeType.INHERIT, paramLabel = "DIR",
            description = "Directory with rootCA.pem and rootCA-key.pem (env MKCERT_CA_ROOT).")
    Path mkcertCaRoot;

    @Option(names = "--config", scope = ScopeType.INHERIT, paramLabel = "FILE",
            description = "Config file to read instead of ./" + ConfigLoader.PROJECT_FILE + ".")
    Path configFile;

    @Option(names = {"-v", "--verbose"}, scope = ScopeType.INHERIT,
            description = "Log at DEBUG (or set LOCALHOME_LOG_LEVEL).")
    public boolean verbose;

    // ./localhome's class-data recording run (-XX:ArchiveClassesAtExit): a whole start, then an exit
    @Option(names = "--stop-when-listening", hidden = true,
            description = "Start, print LISTENING:<port>, then stop at once.")
    boolean stopWhenListening;

    public LocalhomeCommand(Environment environment) {
        this.environment = environment;
    }

    @Override
    public Integer call() throws InterruptedException {
        StartupTrace.mark("command line parsed");
        return DaemonRunner.run(configFor(LogLevels.Mode.DAEMON), environment, spec.commandLine().getOut(),
                stopWhenListening);
    }

    @Override
    public boolean verbose() {
        return verbose;
    }

    @Override
    public Environment environment() {
        return environment;
    }

    @Override
    public List<String> explicitFlags() {
        List<String> flags = new ArrayList<>();
        if (port != null) flags.addAll(List.of("--port", String.valueOf(port)));
        if (bindHost != null) flags.addAll(List.of("--bind", bindHost));
        if (name != null) flags.addAll(List.of("--name", name));
        if (mkcertCaRoot != null)
            flags.addAll(List.of("--mkcert-ca-root", environment.workingDirectory().resolve(mkcertCaRoot).toString()));
        if (configFile != null)
            flags.addAll(List.of("--config", environment.workingDirectory().resolve(configFile).toString()));
        return flags;
    }

    @Override
    public Config configFor(LogLevels.Mode mode) {
        LogLevels.apply(mode, verbose, environment);
        return ConfigLoader.load(new Flags(port, bindHost, name, mkcertCaRoot, configFile), environment);
    }
}
