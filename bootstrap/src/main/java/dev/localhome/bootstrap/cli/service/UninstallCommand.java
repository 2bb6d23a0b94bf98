package dev.localhome.bootstrap.cli.service;

import dev.localhome.bootstrap.cli.common.LogLevels;
import dev.localhome.bootstrap.cli.common.SharedOptions;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code localhome uninstall}: undoes {@code install}: stops the user service (or the daemon {@code install --now}
 * started) and removes its file and the link on {@code PATH}; says so when there was nothing.
 */
@Command(name = "uninstall", description = "Undo 'localhome install': stop the user service (or the daemon started "
        + "with --now), remove it and the link in ~/.local/bin.")
public final class UninstallCommand implements Callable<Integer> {
    @ParentCommand
    SharedOptions root;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        LogLevels.apply(LogLevels.Mode.ONE_SHOT, root.verbose(), root.environment());
        PrintWriter out = spec.commandLine().getOut();
        int exitCode = UserService.forThisPlatform(root.environment()).uninstall(out, spec.commandLine().getErr());
        new PathLink(root.environment()).unlink(out);
        out.flush();
        spec.commandLine().getErr().flush();
        return exitCode;
    }
}
