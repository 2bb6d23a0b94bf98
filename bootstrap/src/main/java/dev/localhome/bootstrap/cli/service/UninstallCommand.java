package dev.localhome.bootstrap.cli.service;

import dev.localhome.bootstrap.cli.common.LogLevels;
import dev.localhome.bootstrap.cli.common.SharedOptions;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code localhome uninstall}: stops the user service and removes its file; says so when there is none. */
@Command(name = "uninstall", description = "Stop the user service that 'localhome install' set up, and remove it.")
public final class UninstallCommand implements Callable<Integer> {
    @ParentCommand
    SharedOptions root;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        LogLevels.apply(LogLevels.Mode.ONE_SHOT, root.verbose(), root.environment());
        int exitCode = UserService.forThisPlatform(root.environment()).uninstall(spec.commandLine().getOut(),
                spec.commandLine().getErr());
        spec.commandLine().getOut().flush();
        spec.commandLine().getErr().flush();
        return exitCode;
    }
}
