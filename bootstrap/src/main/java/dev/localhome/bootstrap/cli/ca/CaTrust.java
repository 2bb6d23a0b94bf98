package dev.localhome.bootstrap.cli.ca;

import dev.localhome.bootstrap.cli.common.CommandFailure;
import dev.localhome.bootstrap.cli.common.HostCommands;
import dev.localhome.bootstrap.cli.common.SharedOptions;
import dev.localhome.bootstrap.trust.TrustPlanner.StorePlan;
import dev.localhome.bootstrap.trust.TrustStores.Scope;
import dev.localhome.bootstrap.cli.common.LogLevels;
import dev.localhome.bootstrap.trust.CaNames;
import dev.localhome.bootstrap.cli.trust.Consent;
import dev.localhome.bootstrap.trust.TrustPlan;
import dev.localhome.bootstrap.trust.TrustPlanner;
import dev.localhome.bootstrap.cli.trust.TrustProbe;
import dev.localhome.bootstrap.cli.trust.TrustRunner;
import dev.localhome.bootstrap.trust.TrustState;
import dev.localhome.bootstrap.trust.TrustStore;
import dev.localhome.bootstrap.trust.TrustStores;
import dev.localhome.bootstrap.config.Config;
import dev.localhome.bootstrap.config.Environment;
import dev.localhome.domain.port.RootCertificate;
import java.io.BufferedReader;
import java.io.Console;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * What {@code ca trust} and {@code ca untrust} share: find the CA and this machine's stores, look at each, plan, run.
 * The stores come from the environment's home and {@code --system-root} only.
 */
final class CaTrust {
    static final String CERTUTIL_MISSING = "certutil is not installed; it changes Chromium's and Firefox's NSS "
            + "databases. Install it (Debian, Ubuntu: sudo apt install libnss3-tools; Fedora: sudo dnf install "
            + "nss-tools; macOS: brew install nss), or leave those out with --only system,java";

    /** Which of the two commands runs: the one place the two differ. */
    enum Direction {
        TRUST {
            @Override
            StorePlan plan(TrustPlanner planner, TrustStore store, TrustState state) {
                return planner.trust(store, state);
            }

            @Override
            void run(TrustRunner runner, TrustPlan plan) {
                runner.trust(plan);
            }
        },
        UNTRUST {
            @Override
            StorePlan plan(TrustPlanner planner, TrustStore store, TrustState state) {
                return planner.untrust(store, state);
            }

            @Override
            void run(TrustRunner runner, TrustPlan plan) {
                runner.untrust(plan);
            }
        };

        abstract StorePlan plan(TrustPlanner planner, TrustStore store, TrustState state);

        abstract void run(TrustRunner runner, TrustPlan plan);

        String verb() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    private CaTrust() {}

    static int run(SharedOptions command, TrustOptions options, Direction direction, PrintWriter out) {
        Config config = command.configFor(LogLevels.Mode.ONE_SHOT);
        RootCertificate root = CaCommand.locate(command, config).orElseThrow(() -> new CommandFailure(
                "there is no CA to " + direction.verb() + ": run 'localhome ca init' to create one "
                        + "(or install mkcert), then run this again"));
        Environment environment = command.environment();
        HostCommands host = new HostCommands(environment);
        TrustStores stores = stores(environment, options.systemRoot);
        Set<Scope> scopes = options.scopes();
        List<TrustStore> found = stores.find(scopes);
        if (found.stream().anyMatch(store -> store instanceof TrustStore.Nss) && host.find("certutil").isEmpty())
            throw new CommandFailure(CERTUTIL_MISSING);

        CaNames names = CaNames.of(root);
        TrustProbe probe = new TrustProbe(host);
        TrustPlanner planner = new TrustPlanner(root.location(), names, runningAsRoot(host));
        TrustPlan plan = new TrustPlan(found.stream()
                .map(store -> direction.plan(planner, store, probe.stateOf(store, root, names)))
                .toList());

        out.printf("CA:       %s (%s)%n", root.location(), root.origin());
        out.printf("SHA-256:  %s%n", root.sha256Fingerprint());
        if (scopes.contains(Scope.SYSTEM) && !stores.knowsSystemStore())
            out.println("No system store this command knows here (Debian, Ubuntu, Fedora, RHEL, macOS); skipped it.");
        TrustRunner runner = new TrustRunner(host, root, names, consent(options, out), out);
        direction.run(runner, plan);
        out.println("'localhome ca' shows where it is trusted, and what tools outside the browser need.");
        out.flush();
        return 0;
    }

    /** This machine's stores as the environment names them: its home, and the system root given (normally /). */
    static TrustStores stores(Environment environment, Path systemRoot) {
        return TrustStores.of(environment, systemRoot);
    }

    /** {@code --yes}, else a terminal to ask on, else nobody to ask: {@link System#console()} is null without a tty. */
    private static Consent consent(TrustOptions options, PrintWriter out) {
        if (options.yes) return new Consent.Given();
        Console console = System.console();
        return console == null ? new Consent.CannotAsk() : new Consent.Prompt(new BufferedReader(console.reader()), out);
    }

    /** As root, root's steps run without sudo (a container, CI); elsewhere each gets sudo in front. */
    private static boolean runningAsRoot(HostCommands host) {
        HostCommands.Result id = host.run("id", "-u");
        return id.succeeded() && id.output().equals("0");
    }
}
