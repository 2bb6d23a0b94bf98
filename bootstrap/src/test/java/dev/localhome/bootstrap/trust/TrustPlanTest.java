package dev.localhome.bootstrap.trust;

import static org.assertj.core.api.Assertions.assertThat;

import dev.localhome.adapters.certs.CertificateAuthorities;
import dev.localhome.bootstrap.trust.TrustAction.CreateDirectory;
import dev.localhome.bootstrap.trust.TrustAction.Run;
import dev.localhome.bootstrap.trust.TrustAction.WriteJavaTrustStore;
import dev.localhome.bootstrap.trust.TrustPlan.Step;
import dev.localhome.bootstrap.trust.TrustPlanner.StorePlan;
import dev.localhome.domain.port.RootCertificate;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One plan, two renderings: the text the dashboard and {@code ca init} show, and the commands {@code ca trust} runs.
 * A Linux machine in temporary directories: Debian's anchors directory, no Chromium database yet, one Firefox profile.
 */
class TrustPlanTest {
    @TempDir
    Path temporary;

    private RootCertificate root;
    private TrustPlan plan;
    private String pem;
    private String nickname;

    @BeforeEach
    void aLinuxMachine() throws IOException {
        Path home = temporary.resolve("home");
        Path system = temporary.resolve("system");
        Files.createDirectories(system.resolve("usr/local/share/ca-certificates"));
        Path profile = Files.createDirectories(home.resolve(".mozilla/firefox/abcd.default-release"));
        Files.createFile(profile.resolve("cert9.db"));
        root = CertificateAuthorities.init(temporary.resolve("ca")).root();
        pem = root.location().toString();
        nickname = CaNames.of(root).nickname();
        TrustStores machine = new TrustStores(home, system, "Linux", temporary.resolve("truststore.p12"));

        plan = TrustPlan.toTrustEverywhere(root, machine);
    }

    @Test
    void asCommandsEveryStoreGetsTheArgvCaTrustRuns() {
        assertThat(plan.stores()).extracting(store -> store.store().label()).containsExactly(
                "Chromium (" + temporary.resolve("home/.pki/nssdb") + ")",
                "Firefox profile abcd.default-release (" + temporary.resolve("home/.mozilla/firefox/abcd.default-release") + ")",
                "system (Debian, Ubuntu)",
                "Java trust store (" + temporary.resolve("truststore.p12") + ")");
        StorePlan chromium = plan.stores().get(0);
        assertThat(chromium.state()).as("no database yet: it is made first").isEqualTo(TrustState.MISSING);
        assertThat(chromium.actions().get(0)).isEqualTo(new CreateDirectory(temporary.resolve("home/.pki/nssdb")));
        assertThat(argv(plan.stores().get(1))).containsExactly(List.of("certutil", "-A", "-d",
                "sql:" + temporary.resolve("home/.mozilla/firefox/abcd.default-release"), "-t", "C,,", "-n", nickname,
                "-i", pem));
        assertThat(argv(plan.stores().get(2))).containsExactly(
                List.of("sudo", "cp", pem, temporary.resolve("system/usr/local/share/ca-certificates") + "/"
                        + CaNames.of(root).fileStem() + ".crt"),
                List.of("sudo", "update-ca-certificates"));
        assertThat(plan.stores().get(3).actions()).singleElement().isInstanceOf(WriteJavaTrustStore.class);
    }

    @Test
    void asTextEachStoreIsOneShellLineOfTheSameActions() {
        List<Step> steps = plan.steps();

        assertThat(steps).hasSameSizeAs(plan.stores());
        for (int i = 0; i < steps.size(); i++) {
            StorePlan store = plan.stores().get(i);
            assertThat(steps.get(i).store()).isEqualTo(store.store().label());
            assertThat(steps.get(i).command().split(" && ")).as(store.store().label())
                    .containsExactlyElementsOf(store.actions().stream().map(TrustAction::shown).toList());
        }
        assertThat(steps.get(2).command()).isEqualTo("sudo cp %s %s/%s.crt && sudo update-ca-certificates".formatted(
                Run.quote(pem), Run.quote(temporary.resolve("system/usr/local/share/ca-certificates").toString()),
                CaNames.of(root).fileStem()));
        assertThat(steps.get(1).command()).contains("-n " + Run.quote(nickname));
    }

    @Test
    void aStoreWithNothingToDoShowsNoStep() {
        StorePlan trusted = new TrustPlanner(root.location(), CaNames.of(root), false)
                .trust(plan.stores().get(1).store(), TrustState.OURS);

        assertThat(new TrustPlan(List.of(trusted, plan.stores().get(2))).steps())
                .extracting(Step::store).containsExactly("system (Debian, Ubuntu)");
    }

    private static List<List<String>> argv(StorePlan store) {
        return store.actions().stream().map(action -> ((Run) action).command()).toList();
    }
}
