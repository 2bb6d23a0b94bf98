package dev.localhome.bootstrap.cli.ca;

import dev.localhome.adapters.certs.CaInit;
import dev.localhome.adapters.certs.CertificateAuthorities;
import dev.localhome.bootstrap.cli.common.LogLevels;
import dev.localhome.bootstrap.cli.common.SharedOptions;
import dev.localhome.bootstrap.config.Environment;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code localhome ca init}: creates localhome's own CA, for machines without mkcert. Running it twice is harmless. */
@Command(name = "init", description = "Create localhome's own CA under $XDG_DATA_HOME/localhome (if there is none).")
final class CaInitCommand implements Callable<Integer> {
    @ParentCommand
    CaCommand ca;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        SharedOptions root = ca.root;
        root.configFor(LogLevels.Mode.ONE_SHOT); // a broken config file is reported here too, before writing anything
        Environment environment = root.environment();
        Map<String, String> env = environment.variablesWithHome();
        Path directory = CertificateAuthorities.ownCaDirectory(env);
        CaInit result = CertificateAuthorities.init(directory);
        PrintWriter out = spec.commandLine().getOut();
        out.println(result.created()
                ? "Created a CA in " + directory + " (the key is readable by you only)."
                : "A CA already exists in " + directory + "; left it as it is.");
        TrustInstructions.print(out, result.root(), environment);
        out.flush();
        return 0;
    }
}
