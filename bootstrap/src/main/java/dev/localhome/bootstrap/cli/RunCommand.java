package dev.localhome.bootstrap.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/** {@code localhome run}: the daemon, in the foreground, until SIGTERM or Ctrl-C. */
@Command(name = "run", description = "Run the daemon (the default command).")
final class RunCommand implements Callable<Integer> {
    @ParentCommand
    LocalhomeCommand root;

    @Override
    public Integer call() throws InterruptedException {
        return root.call();
    }
}
