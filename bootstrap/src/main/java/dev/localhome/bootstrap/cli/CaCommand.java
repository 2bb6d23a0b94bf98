package dev.localhome.bootstrap.cli;

import dev.localhome.bootstrap.config.Config;
import dev.localhome.bootstrap.wiring.Plugins;
import dev.localhome.bootstrap.wiring.Wiring;
import dev.localhome.domain.port.CertificateAuthority;
import dev.localhome.domain.port.RootCertificate;
import java.io.PrintWriter;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code localhome ca}: which CA the daemon would use, whether HTTPS interception is on, and how to trust it. */
@Command(name = "ca", description = "Show the certificate authority used for HTTPS, and how to trust it.",
        subcommands = CaInitCommand.class)
final class CaCommand implements Callable<Integer> {
    @ParentCommand
    LocalhomeCommand root;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        Config config = root.configFor(LogLevels.Mode.ONE_SHOT);
        // the daemon's own wiring answers, so the status shows the CA the daemon would really pick
        CertificateAuthority ca = Wiring.injector(config, root.environment(), Plugins.load(CaCommand.class.getClassLoader()))
                .getInstance(CertificateAuthority.class);
        PrintWriter out = spec.commandLine().getOut();
        Optional<RootCertificate> found = ca.root();
        if (found.isEmpty()) {
            out.println("No CA found: HTTPS interception is off. http://app.localhost:%d/ and http://app/ still work."
                    .formatted(config.port()));
            out.println("To turn it on: install mkcert and run 'mkcert -install', or run 'localhome ca init'.");
        } else {
            out.println("HTTPS interception: on (https://<name>/ gets a certificate signed by this CA)");
            TrustInstructions.print(out, found.get(), root.environment().variablesWithHome());
        }
        out.flush();
        return 0;
    }
}
