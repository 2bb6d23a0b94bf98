package dev.localhome.bootstrap.cli.ca;

import dev.localhome.bootstrap.cli.common.HostCommands;
import dev.localhome.bootstrap.cli.common.SharedOptions;
import dev.localhome.bootstrap.cli.format.Json;
import dev.localhome.bootstrap.cli.common.LogLevels;
import dev.localhome.bootstrap.trust.TrustPlan;
import dev.localhome.bootstrap.trust.TrustState;
import dev.localhome.bootstrap.cli.trust.TrustStatus;
import dev.localhome.bootstrap.config.Config;
import dev.localhome.bootstrap.trust.TrustStores;
import dev.localhome.bootstrap.wiring.Plugins;
import dev.localhome.bootstrap.wiring.Wiring;
import dev.localhome.domain.port.CertificateAuthority;
import dev.localhome.domain.port.RootCertificate;
import dev.localhome.adapters.certs.CertificateAuthorities;
import java.io.PrintWriter;
import java.nio.file.Path;
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
        subcommands = {CaInitCommand.class, CaTrustCommand.class, CaUntrustCommand.class})
public final class CaCommand implements Callable<Integer> {
    @ParentCommand
    SharedOptions root;

    @Spec
    CommandSpec spec;

    @Option(names = "--json", description = "Print JSON: interception, the CA (origin, path, sha256), trust steps.")
    boolean json;

    // tests point this at a temporary tree, as for ca trust: the status reads the system store there
    @Option(names = "--system-root", hidden = true, paramLabel = "DIR")
    Path systemRoot = Path.of("/");

    @Override
    public Integer call() {
        Config config = root.configFor(LogLevels.Mode.ONE_SHOT);
        PrintWriter out = spec.commandLine().getOut();
        Optional<RootCertificate> found = locate(root, config);
        Optional<TrustStatus> status = found.map(ca -> TrustStatus.of(ca,
                CaTrust.stores(root.environment(), systemRoot), new HostCommands(root.environment())));
        if (json) {
            out.print(asJson(found, status));
        } else if (found.isEmpty()) {
            out.println("No CA found: HTTPS interception is off. http://app.localhost:%d/ and http://app/ still work."
                    .formatted(config.port()));
            out.println("To turn it on: install mkcert and run 'mkcert -install', or run 'localhome ca init'.");
        } else {
            out.println("HTTPS interception: on (https://<name>/ gets a certificate signed by this CA)");
            out.printf("CA:       %s (%s)%n", found.get().location(), found.get().origin());
            out.printf("SHA-256:  %s%n", found.get().sha256Fingerprint());
            status.get().print(out, "http://" + config.bindHost() + ":" + config.port());
        }
        out.flush();
        return 0;
    }

    /** The CA the daemon would pick: its own wiring answers, plugins included. */
    static Optional<RootCertificate> locate(SharedOptions root, Config config) {
        CertificateAuthority ca = Wiring.injector(config, root.environment(),
                Plugins.load(CaCommand.class.getClassLoader())).getInstance(CertificateAuthority.class);
        return ca.root();
    }

    /**
     * The same {@code ca} object as the daemon's {@code /api/status}, plus the trust plan as text (a step per store of this machine), where
     * it is trusted ({@code trusted}: true, false or null for unknown) and what tools outside the browser need.
     */
    private String asJson(Optional<RootCertificate> found, Optional<TrustStatus> status) {
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("interception", found.isPresent());
        answer.put("ca", found.map(root -> {
            Map<String, Object> ca = new LinkedHashMap<>();
            ca.put("origin", root.origin());
            ca.put("path", root.location().toString());
            ca.put("sha256", root.sha256Fingerprint());
            return ca;
        }).orElse(null));
        answer.put("trust", found.map(root -> TrustPlan.toTrustEverywhere(root, TrustStores.of(root(), systemRoot)))
                .map(TrustPlan::steps).orElse(List.of()).stream()
                .map(step -> Map.of("store", step.store(), "command", step.command()))
                .toList());
        answer.put("trustedIn", status.map(TrustStatus::entries).orElse(List.of()).stream().map(entry -> {
            Map<String, Object> store = new LinkedHashMap<>();
            store.put("store", entry.store().label());
            store.put("trusted", entry.state().map(TrustState::trusted).orElse(null));
            return store;
        }).toList());
        answer.put("tools", status.map(trust -> {
            Map<String, Object> tools = new LinkedHashMap<>(trust.tools());
            tools.put("javaTrustStore", trust.javaStore().file().toString());
            tools.put("javaTrustStoreWritten", trust.javaTrusted());
            return tools;
        }).orElse(null));
        return Json.pretty(answer);
    }

    private dev.localhome.bootstrap.config.Environment root() {
        return root.environment();
    }
}
