package dev.localhome.bootstrap.cli.ca;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code localhome ca untrust}: removes what {@code ca trust} added, and nothing else. */
@Command(name = "untrust", description = {
        "Remove the CA's entries that 'localhome ca trust' added (an entry that mkcert -install made is left to "
                + "mkcert -uninstall). Asks before anything that needs root, as trust does."})
final class CaUntrustCommand implements Callable<Integer> {
    @ParentCommand
    CaCommand ca;

    @Spec
    CommandSpec spec;

    @Mixin
    TrustOptions options;

    @Override
    public Integer call() {
        return CaTrust.run(ca.root, options, CaTrust.Direction.UNTRUST, spec.commandLine().getOut());
    }
}
