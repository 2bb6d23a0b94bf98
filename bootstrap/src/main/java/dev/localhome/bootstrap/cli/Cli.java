package dev.localhome.bootstrap.cli;

import dev.localhome.adapters.netty.NettyTransports;
import dev.localhome.bootstrap.cli.common.Failures;
import dev.localhome.bootstrap.config.Environment;
import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine;

/**
 * The command line: parses {@code args}, runs the command, returns the exit code (0 ok, 1 runtime failure, 2 usage
 * or configuration error). Streams and environment are parameters so tests run it in-process.
 */
public final class Cli {
    private Cli() {}

    public static int execute(String[] args, Environment environment, PrintWriter out, PrintWriter err) {
        CommandLine commandLine = new CommandLine(new LocalhomeCommand(environment));
        List<String> needed = CommandTree.needed(commandLine.getCommandSpec(), args);
        CommandTree.add(commandLine, needed);
        if (CommandTree.runsTheDaemon(needed, args))
            NettyTransports.loadNativeCodeInBackground(); // meanwhile: the rest of the command line, config, the CA
        // after the subcommands are added: picocli hands these settings to the subcommands it has at the time
        commandLine.setExecutionExceptionHandler(new Failures());
        commandLine.setOut(out);
        commandLine.setErr(err);
        return commandLine.execute(args);
    }
}
