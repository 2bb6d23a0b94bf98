package dev.localhome.bootstrap.cli.ca;

import dev.localhome.bootstrap.config.Environment;
import dev.localhome.bootstrap.trust.TrustPlan;
import dev.localhome.bootstrap.trust.TrustStores;
import dev.localhome.domain.port.RootCertificate;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;

/** Prints a root's facts and the text of the plan that trusts it in this machine's stores. */
final class TrustInstructions {
    private TrustInstructions() {}

    static void print(PrintWriter out, RootCertificate root, Environment environment) {
        out.printf("CA:       %s (%s)%n", root.location(), root.origin());
        out.printf("SHA-256:  %s%n", root.sha256Fingerprint());
        List<TrustPlan.Step> steps = TrustPlan.toTrustEverywhere(root, TrustStores.of(environment, Path.of("/"))).steps();
        if (steps.isEmpty()) return;
        out.println();
        out.println("To trust it, run 'localhome ca trust' (it does all of these, asking before those that need root),");
        out.println("or by hand:");
        for (TrustPlan.Step step : steps) {
            out.printf("  # %s%n", step.store());
            out.printf("  %s%n", step.command());
        }
    }
}
