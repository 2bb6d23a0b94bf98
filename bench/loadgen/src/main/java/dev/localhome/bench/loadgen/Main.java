package dev.localhome.bench.loadgen;

import java.io.PrintStream;
import java.util.Arrays;

/** {@code java -jar localhome-loadgen.jar --mode MODE --server HOST:PORT [options]}; {@code --help} for the rest. */
public final class Main {
    private Main() {}

    public static void main(String[] args) throws Exception {
        System.exit(run(args, System.out, System.err));
    }

    /** Runs the command line; returns the exit status: 0 after a run (errors are in the report), 2 on bad arguments. */
    public static int run(String[] args, PrintStream out, PrintStream err) throws Exception {
        if (args.length == 0 || Arrays.asList(args).contains("--help") || Arrays.asList(args).contains("-h")) {
            (args.length == 0 ? err : out).print(Options.USAGE);
            return args.length == 0 ? 2 : 0;
        }
        Options options;
        try {
            options = Options.parse(args);
        } catch (BadArguments e) {
            err.println("localhome-loadgen: " + e.getMessage() + " (see --help)");
            return 2;
        }
        Report.print(LoadRun.run(options), out, err);
        out.flush();
        return 0;
    }
}
