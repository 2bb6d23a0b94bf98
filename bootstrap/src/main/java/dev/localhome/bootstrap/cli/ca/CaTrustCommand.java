package dev.localhome.bootstrap.cli.ca;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code localhome ca trust}: trusts the CA in the browsers' NSS databases, the system store and a Java trust store. */
@Command(name = "trust", description = {
        "Trust the CA in Chromium's and Firefox's NSS databases, the system store and a Java trust store, as mkcert "
                + "-install does. Prints each step before it runs it; asks before anything that needs root, and "
                + "prints the commands instead when it cannot ask. Running it again changes nothing."})
final class CaTrustCommand implements Callable<Integer> {
    @ParentCommand
    CaCommand ca;

    @Spec
    CommandSpec spec;

    @Mixin
    TrustOptions options;

    @Override
    public Integer call() {
        return CaTrust.run(ca.root, options, CaTrust.Direction.TRUST, spec.commandLine().getOut());
    }
}
