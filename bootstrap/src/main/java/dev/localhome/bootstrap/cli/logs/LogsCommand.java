package dev.localhome.bootstrap.cli.logs;

import dev.localhome.bootstrap.cli.common.Failures;
import dev.localhome.bootstrap.cli.common.LogFile;
import dev.localhome.bootstrap.cli.common.LogLevels;
import dev.localhome.bootstrap.cli.common.SharedOptions;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code localhome logs}: says where logs go and prints the end of the installed service's log file. Where it is
 * goes to stderr, the lines to stdout, so {@code localhome logs | grep WARN} sees log lines only.
 */
@Command(name = "logs", description = {
        "Show where logs go and print the last lines of the service's log file.",
        "The installed service logs to a rolling file ($LOCALHOME_LOG_FILE, default "
                + "~/.local/state/localhome/localhome.log); a daemon run in a terminal logs to its stderr."})
public final class LogsCommand implements Callable<Integer> {
    @ParentCommand
    SharedOptions root;

    @Spec
    CommandSpec spec;

    @Option(names = {"-n", "--lines"}, paramLabel = "N", defaultValue = "50",
            description = "How many lines to print (default ${DEFAULT-VALUE}).")
    int lines;

    @Option(names = {"-f", "--follow"}, description = "Keep printing lines as they are written, until Ctrl-C.")
    boolean follow;

    @Override
    public Integer call() throws IOException, InterruptedException {
        LogLevels.apply(LogLevels.Mode.ONE_SHOT, root.verbose(), root.environment());
        Path file = LogFile.location(root.environment());
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (!Files.isRegularFile(file)) {
            err.println("localhome: no log file at " + file + ".");
            err.println("The installed service (localhome install) logs there; a daemon run in a terminal "
                    + "(./localhome) logs to that terminal.");
            err.flush();
            return Failures.RUNTIME_FAILURE;
        }
        err.println("==> " + file + " (rolled files beside it: " + file.getFileName() + ".<date>.<n>.gz) <==");
        err.flush();
        long end = LogTail.last(file, Math.max(0, lines), out);
        if (follow) LogTail.follow(file, end, out, () -> !Thread.currentThread().isInterrupted());
        return 0;
    }
}
