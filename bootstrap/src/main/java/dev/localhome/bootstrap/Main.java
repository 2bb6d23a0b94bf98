package dev.localhome.bootstrap;

import dev.localhome.bootstrap.cli.Cli;
import dev.localhome.bootstrap.config.Environment;
import dev.localhome.bootstrap.daemon.StartupTrace;
import java.io.PrintWriter;

/** The jar's entry point: {@code java -jar localhome.jar [command] [options]}. */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        StartupTrace.writeTo(System.err);
        StartupTrace.mark("main");
        // autoflush: "LISTENING:<port>" must reach a reading script at once
        int exitCode = Cli.execute(args, Environment.current(), new PrintWriter(System.out, true),
                new PrintWriter(System.err, true));
        System.exit(exitCode);
    }
}
