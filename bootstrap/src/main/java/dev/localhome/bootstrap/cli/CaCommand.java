package dev.localhome.bootstrap.cli;

import dev.localhome.bootstrap.config.Config;
import dev.localhome.bootstrap.wiring.Plugins;
import dev.localhome.bootstrap.wiring.Wiring;
import dev.localhome.domain.port.CertificateAuthority;
import dev.localhome.domain.port.RootCertificate;
import dev.localhome.adapters.certs.CertificateAuthorities;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
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

    @Option(names = "--json", description = "Print JSON: interception, the CA (origin, path, sha256), trust steps.")
    boolean json;

    @Override
    public Integer call() {
        Config config = root.configFor(LogLevels.Mode.ONE_SHOT);
        // the daemon's own wiring answers, so the status shows the CA the daemon would really pick
        CertificateAuthority ca = Wiring.injector(config, root.environment(), Plugins.load(CaCommand.class.getClassLoader()))
                .getInstance(CertificateAuthority.class);
        PrintWriter out = spec.commandLine().getOut();
        Optional<RootCertificate> found = ca.root();
        if (json) {
            out.print(asJson(found));
        } else if (found.isEmpty()) {
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

    /** The same {@code ca} object as the daemon's {@code /api/status}, plus every trust step for every platform. */
    private String asJson(Optional<RootCertificate> found) {
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("interception", found.isPresent());
        answer.put("ca", found.map(root -> {
            Map<String, Object> ca = new LinkedHashMap<>();
            ca.put("origin", root.origin());
            ca.put("path", root.location().toString());
            ca.put("sha256", root.sha256Fingerprint());
            return ca;
        }).orElse(null));
        answer.put("trust", found.map(root -> CertificateAuthorities.trustSteps(root, root().variablesWithHome()))
                .orElse(List.of()).stream()
                .map(step -> Map.of("platform", step.platform().name().toLowerCase(Locale.ROOT), "store", step.store(),
                        "command", step.command()))
                .toList());
        return Json.pretty(answer);
    }

    private dev.localhome.bootstrap.config.Environment root() {
        return root.environment();
    }
}
