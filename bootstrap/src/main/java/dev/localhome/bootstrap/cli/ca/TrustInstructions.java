package dev.localhome.bootstrap.cli.ca;

import dev.localhome.adapters.certs.CertificateAuthorities;
import dev.localhome.adapters.certs.TrustStep;
import dev.localhome.domain.port.RootCertificate;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Prints a root's facts and the commands that make it trusted, for this platform (or all, elsewhere). */
final class TrustInstructions {
    private TrustInstructions() {}

    static void print(PrintWriter out, RootCertificate root, Map<String, String> env) {
        out.printf("CA:       %s (%s)%n", root.location(), root.origin());
        out.printf("SHA-256:  %s%n", root.sha256Fingerprint());
        List<TrustStep> steps = CertificateAuthorities.trustSteps(root, env);
        List<TrustStep> here = steps.stream().filter(step -> isThisPlatform(step.platform())).toList();
        List<TrustStep> shown = here.isEmpty() ? steps : here;
        if (shown.isEmpty()) return;
        out.println();
        out.println("To trust it, run 'localhome ca trust' (it does all of these, asking before those that need root),");
        out.println("or by hand (once per machine and browser):");
        for (TrustStep step : shown) {
            out.printf("  # %s%s%n", here.isEmpty() ? step.platform() + ", " : "", step.store());
            out.printf("  %s%n", step.command());
        }
    }

    private static boolean isThisPlatform(TrustStep.Platform platform) {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        return switch (platform) {
            case LINUX -> os.startsWith("linux");
            case MACOS -> os.startsWith("mac");
        };
    }
}
