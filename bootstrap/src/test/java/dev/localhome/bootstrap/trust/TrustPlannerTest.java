package dev.localhome.bootstrap.trust;

import static org.assertj.core.api.Assertions.assertThat;

import dev.localhome.adapters.certs.CertificateAuthorities;
import dev.localhome.bootstrap.trust.TrustAction.Run;
import dev.localhome.bootstrap.trust.TrustPlanner.StorePlan;
import dev.localhome.bootstrap.trust.TrustStore.JavaTrustStore;
import dev.localhome.bootstrap.trust.TrustStore.MacKeychain;
import dev.localhome.bootstrap.trust.TrustStore.Nss;
import dev.localhome.bootstrap.trust.TrustStore.SystemAnchors;
import dev.localhome.domain.port.RootCertificate;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrustPlannerTest {
    @TempDir
    Path temporary;

    private RootCertificate root;
    private CaNames names;
    private List<TrustStore> stores;

    @BeforeEach
    void aCaAndOneStoreOfEachKind() {
        root = CertificateAuthorities.init(temporary.resolve("ca")).root();
        names = CaNames.of(root);
        stores = List.of(new Nss("Chromium", temporary.resolve("nssdb")),
                new SystemAnchors("system", Path.of("/usr/local/share/ca-certificates"), ".crt",
                        "update-ca-certificates", Path.of("/etc/ssl/certs/ca-certificates.crt")),
                new MacKeychain(Path.of("/Library/Keychains/System.keychain")),
                new JavaTrustStore(temporary.resolve("truststore.p12")));
    }

    @Test
    void aStoreThatAlreadyTrustsTheCaGetsNoStepsEitherWay() {
        TrustPlanner planner = new TrustPlanner(root.location(), names, false);
        for (TrustStore store : stores) {
            assertThat(planner.trust(store, TrustState.OURS).actions()).as(store.label()).isEmpty();
            assertThat(planner.trust(store, TrustState.MKCERTS).actions()).as(store.label()).isEmpty();
        }
    }

    @Test
    void untrustingWhereItIsNotTrustedOrTrustedThroughMkcertsEntryDoesNothing() {
        TrustPlanner planner = new TrustPlanner(root.location(), names, false);
        for (TrustStore store : stores) {
            assertThat(planner.untrust(store, TrustState.NOT_TRUSTED).actions()).as(store.label()).isEmpty();
            assertThat(planner.untrust(store, TrustState.MISSING).actions()).as(store.label()).isEmpty();
            assertThat(planner.untrust(store, TrustState.MKCERTS).actions()).as(store.label()).isEmpty();
        }
    }

    @Test
    void everyCertutilStepThatAddsOrDeletesNamesLocalhomesOwnNicknameWithTheCasFingerprint() {
        TrustPlanner planner = new TrustPlanner(root.location(), names, false);
        Nss chromium = (Nss) stores.get(0);
        List<TrustAction> actions = new ArrayList<>();
        actions.addAll(planner.trust(chromium, TrustState.MISSING).actions());
        actions.addAll(planner.trust(chromium, TrustState.NOT_TRUSTED).actions());
        actions.addAll(planner.untrust(chromium, TrustState.OURS).actions());

        List<List<String>> changes = actions.stream().filter(Run.class::isInstance).map(a -> ((Run) a).command())
                .filter(command -> command.contains("-A") || command.contains("-D")).toList();
        assertThat(changes).hasSize(3);
        for (List<String> command : changes) {
            assertThat(command.get(command.indexOf("-n") + 1)).isEqualTo("localhome CA " + names.id());
            assertThat(root.sha256Fingerprint().replace(":", "").toLowerCase()).startsWith(names.id());
        }
    }

    @Test
    void chromiumsMissingDatabaseIsCreatedEmptyBeforeTheCaIsAdded() {
        StorePlan plan = new TrustPlanner(root.location(), names, false).trust(stores.get(0), TrustState.MISSING);

        assertThat(plan.actions()).extracting(TrustAction::shown).containsExactly(
                "mkdir -p " + temporary.resolve("nssdb"),
                "certutil -N -d sql:" + temporary.resolve("nssdb") + " --empty-password",
                "certutil -A -d sql:" + temporary.resolve("nssdb") + " -t C,, -n 'localhome CA " + names.id() + "' -i "
                        + root.location());
    }

    @Test
    void systemStepsNeedRootAndGetSudoUnlessAlreadyRoot() {
        SystemAnchors system = (SystemAnchors) stores.get(1);
        String anchor = "/usr/local/share/ca-certificates/localhome-" + names.id() + ".crt";

        StorePlan asUser = new TrustPlanner(root.location(), names, false).trust(system, TrustState.NOT_TRUSTED);
        StorePlan asRoot = new TrustPlanner(root.location(), names, true).trust(system, TrustState.NOT_TRUSTED);

        assertThat(asUser.actions()).allMatch(TrustAction::needsRoot).extracting(TrustAction::shown)
                .containsExactly("sudo cp " + root.location() + " " + anchor, "sudo update-ca-certificates");
        assertThat(asRoot.actions()).extracting(TrustAction::shown)
                .containsExactly("cp " + root.location() + " " + anchor, "update-ca-certificates");
    }

    @Test
    void untrustingTheKeychainDeletesThisCertificateByItsSha1Only() {
        StorePlan plan = new TrustPlanner(root.location(), names, false).untrust(stores.get(2), TrustState.OURS);

        assertThat(plan.actions()).extracting(TrustAction::shown).containsExactly(
                "sudo security remove-trusted-cert -d " + root.location(),
                "sudo security delete-certificate -Z " + names.sha1() + " /Library/Keychains/System.keychain");
        assertThat(names.sha1()).matches("[0-9A-F]{40}");
    }
}
