package dev.localhome.bootstrap.cli;

import dev.localhome.adapters.netty.NettyTransports;
import dev.localhome.bootstrap.cli.common.Failures;
import dev.localhome.bootstrap.config.Environment;
import java.io.PrintWriter;
import picocli.CommandLine;

/**
 * The command line: parses {@code args}, runs the command, returns the exit code (0 ok, 1 runtime failure, 2 usage
 * or configuration error). Streams and environment are parameters so tests run it in-process.
 */
public final class Cli {
    private Cli() {}

    public static int execute(String[] args, Environment environment, PrintWriter out, PrintWriter err) {
        CommandLine commandLine = new CommandLine(new LocalhomeCommand(environment));
        // before the settings below: picocli applies them to the subcommands present when each is set
        if (CommandModel.addSubcommandsFor(commandLine, args))
            NettyTransports.loadNativeCodeInBackground(); // meanwhile: the rest of the command line, config, the CA
        commandLine.setExecutionExceptionHandler(new Failures());
        commandLine.setOut(out);
        commandLine.setErr(err);
        return commandLine.execute(args);
    }
}
