package dev.localhome.bootstrap.trust;

import dev.localhome.bootstrap.trust.TrustPlanner.StorePlan;
import dev.localhome.bootstrap.trust.TrustStore.Nss;
import dev.localhome.bootstrap.trust.TrustStores.Scope;
import dev.localhome.domain.port.RootCertificate;
import java.nio.file.Files;
import java.util.EnumSet;
import java.util.List;
import java.util.stream.Collectors;

/**
 * What trusting (or untrusting) a CA takes on this machine: per store, the actions. The one plan behind both ways it
 * is shown: as text, a shell line per store, on the dashboard and by {@code localhome ca init} and {@code ca --json}
 * ({@link #steps()}); as commands, run one by one by {@code localhome ca trust} and {@code ca untrust}.
 */
public record TrustPlan(List<StorePlan> stores) {
    /** One store's actions as text: what the user reads, and could paste into a shell. */
    public record Step(String store, String command) {}

    public TrustPlan {
        stores = List.copyOf(stores);
    }

    /**
     * The plan to trust {@code root} in every store this machine has, without looking at what each holds (that would
     * run {@code certutil}): what the dashboard shows. A store already trusting it makes {@code ca trust} skip it.
     */
    public static TrustPlan toTrustEverywhere(RootCertificate root, TrustStores machine) {
        TrustPlanner planner = new TrustPlanner(root.location(), CaNames.of(root), false);
        return new TrustPlan(machine.find(EnumSet.allOf(Scope.class)).stream()
                .map(store -> planner.trust(store, unprobed(store)))
                .toList());
    }

    /** As text: a step per store that needs anything, its actions joined as one shell line. */
    public List<Step> steps() {
        return stores.stream()
                .filter(plan -> !plan.actions().isEmpty())
                .map(plan -> new Step(plan.store().label(),
                        plan.actions().stream().map(TrustAction::shown).collect(Collectors.joining(" && "))))
                .toList();
    }

    /** Not trusted yet, or, for an NSS database that is not there, missing (it is created first). */
    private static TrustState unprobed(TrustStore store) {
        return store instanceof Nss nss && !Files.isRegularFile(nss.directory().resolve("cert9.db"))
                ? TrustState.MISSING : TrustState.NOT_TRUSTED;
    }
}
