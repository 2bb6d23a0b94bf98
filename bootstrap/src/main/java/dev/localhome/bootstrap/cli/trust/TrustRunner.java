package dev.localhome.bootstrap.cli.trust;

import dev.localhome.bootstrap.cli.common.CommandFailure;
import dev.localhome.bootstrap.cli.common.HostCommands;
import dev.localhome.bootstrap.trust.CaNames;
import dev.localhome.bootstrap.trust.TrustAction.CreateDirectory;
import dev.localhome.bootstrap.trust.TrustAction.DeleteFile;
import dev.localhome.bootstrap.trust.TrustAction.Run;
import dev.localhome.bootstrap.trust.TrustAction.WriteJavaTrustStore;
import dev.localhome.bootstrap.trust.TrustAction;
import dev.localhome.bootstrap.trust.TrustPlan;
import dev.localhome.bootstrap.trust.TrustPlanner.StorePlan;
import dev.localhome.bootstrap.trust.TrustState;
import dev.localhome.domain.port.RootCertificate;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;

/**
 * Carries out store plans: prints each step, then runs it. Steps that need root run only with {@link Consent}; when
 * nobody can be asked they are printed for the user to run, and the rest still runs. A step that fails stops the
 * command with the tool's own words.
 */
public final class TrustRunner {
    /** What a run left undone: the stores whose steps were printed, or declined, instead of run. */
    record Outcome(List<StorePlan> leftToTheUser) {}

    private final HostCommands host;
    private final RootCertificate root;
    private final CaNames names;
    private final Consent consent;
    private final PrintWriter out;

    public TrustRunner(HostCommands host, RootCertificate root, CaNames names, Consent consent, PrintWriter out) {
        this.host = host;
        this.root = root;
        this.names = names;
        this.consent = consent;
        this.out = out;
    }

    public Outcome trust(TrustPlan plan) {
        return run(plan.stores(), true);
    }

    public Outcome untrust(TrustPlan plan) {
        return run(plan.stores(), false);
    }

    private Outcome run(List<StorePlan> plans, boolean trusting) {
        List<StorePlan> left = new ArrayList<>();
        for (StorePlan plan : plans) {
            if (plan.actions().isEmpty()) {
                out.println(nothingToDo(plan, trusting));
                continue;
            }
            out.println((trusting ? "Trusting in " : "Untrusting in ") + plan.store().label() + ":");
            if (plan.store().needsRoot() && !mayRunAsRoot(plan)) {
                left.add(plan);
                continue;
            }
            for (TrustAction action : plan.actions()) {
                out.println("  $ " + action.shown());
                out.flush(); // the step is on screen before it runs: sudo may ask for a password next
                execute(action);
            }
            out.println(trusting ? "  trusted." : "  removed.");
        }
        if (!left.isEmpty()) {
            out.println();
            out.println("Not done: the steps above for " + left.size() + (left.size() == 1 ? " store need" : " stores need")
                    + " root; run them yourself, or run this command again with --yes.");
        }
        out.flush();
        return new Outcome(List.copyOf(left));
    }

    private static String nothingToDo(StorePlan plan, boolean trusting) {
        String label = plan.store().label();
        if (trusting) {
            return plan.state() == TrustState.MKCERTS ? "Already trusted in " + label + " (by mkcert -install)."
                    : plan.state() == TrustState.ANOTHER_ENTRY
                    ? "Already trusted in " + label + " (by an entry of its own, not added by ca trust)."
                    : "Already trusted in " + label + ".";
        }
        if (plan.state() == TrustState.ANOTHER_ENTRY)
            return label + " trusts it through an entry ca trust did not add; left alone (certutil -L lists it, "
                    + "certutil -D -n <its nickname> removes it).";
        return plan.state() == TrustState.MKCERTS
                ? label + " trusts it through mkcert's own entry; left alone (mkcert -uninstall removes it)."
                : "Not trusted in " + label + "; nothing to remove.";
    }

    /** Shows the root steps, then asks; when nobody can be asked, leaves them shown for the user to paste. */
    private boolean mayRunAsRoot(StorePlan plan) {
        if (consent instanceof Consent.Given) return true;
        for (TrustAction action : plan.actions()) out.println("  " + action.shown());
        if (consent instanceof Consent.Prompt prompt) {
            if (prompt.ask("  These need root. Run them now?")) return true;
            out.println("  skipped.");
            return false;
        }
        out.println("  (these need root, and there is no terminal to ask on: run them yourself, or give --yes)");
        return false;
    }

    private void execute(TrustAction action) {
        try {
            if (action instanceof Run run) {
                List<String> command = run.command();
                HostCommands.Result result = host.run(command.get(0),
                        command.subList(1, command.size()).toArray(String[]::new));
                if (!result.succeeded()) {
                    throw new CommandFailure("'%s' failed (exit code %d): %s"
                            .formatted(run.shown(), result.exitCode(), result.firstLine()));
                }
            } else if (action instanceof CreateDirectory create) {
                Files.createDirectories(create.directory());
            } else if (action instanceof WriteJavaTrustStore write) {
                JavaTrustStores.write(write.store(), root, names.nickname());
            } else {
                Files.deleteIfExists(((DeleteFile) action).file());
            }
        } catch (IOException e) {
            throw new CommandFailure(action.shown() + " failed: " + e, e);
        } catch (UncheckedIOException e) {
            throw new CommandFailure(e.getMessage() + ": " + e.getCause(), e);
        }
    }
}
