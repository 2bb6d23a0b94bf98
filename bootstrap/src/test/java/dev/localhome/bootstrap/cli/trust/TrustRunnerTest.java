package dev.localhome.bootstrap.cli.trust;

import static org.assertj.core.api.Assertions.assertThat;

import dev.localhome.adapters.certs.CertificateAuthorities;
import dev.localhome.bootstrap.cli.common.HostCommands;
import dev.localhome.bootstrap.trust.CaNames;
import dev.localhome.bootstrap.trust.TrustPlan;
import dev.localhome.bootstrap.trust.TrustPlanner.StorePlan;
import dev.localhome.bootstrap.trust.TrustPlanner;
import dev.localhome.bootstrap.trust.TrustState;
import dev.localhome.bootstrap.trust.TrustStore.SystemAnchors;
import dev.localhome.bootstrap.config.Environment;
import dev.localhome.domain.port.RootCertificate;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The runner's three answers to "may this run as root?", with stand-in tools that record their calls. */
class TrustRunnerTest {
    @TempDir
    Path temporary;

    private final StringWriter out = new StringWriter();
    private RootCertificate root;
    private CaNames names;
    private HostCommands host;
    private Path calls;
    private List<StorePlan> plans;

    @BeforeEach
    void aSystemStorePlanWhoseToolsRecordTheirCalls() throws IOException {
        root = CertificateAuthorities.init(temporary.resolve("ca")).root();
        names = CaNames.of(root);
        Path bin = Files.createDirectories(temporary.resolve("bin"));
        calls = temporary.resolve("calls");
        for (String tool : List.of("sudo", "cp", "update-ca-certificates")) {
            Path script = bin.resolve(tool);
            Files.writeString(script, "#!/bin/sh\necho " + tool + " \"$@\" >> " + calls + "\n");
            Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        host = new HostCommands(Environment.of(Map.of("HOME", temporary.toString(), "PATH", bin.toString()), temporary,
                temporary));
        SystemAnchors system = new SystemAnchors("system (Debian, Ubuntu)", temporary.resolve("anchors"), ".crt",
                "update-ca-certificates", temporary.resolve("bundle.crt"));
        plans = List.of(new TrustPlanner(root.location(), names, false).trust(system, TrustState.NOT_TRUSTED));
    }

    private TrustRunner runner(Consent consent) {
        return new TrustRunner(host, root, names, consent, new PrintWriter(out, true));
    }

    @Test
    void whenNobodyCanBeAskedTheRootStepsArePrintedAndNothingRuns() {
        TrustRunner.Outcome outcome = runner(new Consent.CannotAsk()).trust(new TrustPlan(plans));

        assertThat(outcome.leftToTheUser()).isEqualTo(plans);
        assertThat(out.toString()).contains("  sudo update-ca-certificates\n", "no terminal to ask on");
        assertThat(calls).doesNotExist();
    }

    @Test
    void aNoOnTheTerminalSkipsTheStore() {
        Consent prompt = new Consent.Prompt(new BufferedReader(new StringReader("n\n")), new PrintWriter(out, true));

        TrustRunner.Outcome outcome = runner(prompt).trust(new TrustPlan(plans));

        assertThat(outcome.leftToTheUser()).hasSize(1);
        assertThat(out.toString()).contains("These need root. Run them now? [y/N]", "skipped.");
        assertThat(calls).doesNotExist();
    }

    @Test
    void aYesOnTheTerminalRunsEachStepThroughSudoAfterPrintingIt() throws IOException {
        Consent prompt = new Consent.Prompt(new BufferedReader(new StringReader("y\n")), new PrintWriter(out, true));

        TrustRunner.Outcome outcome = runner(prompt).trust(new TrustPlan(plans));

        assertThat(outcome.leftToTheUser()).isEmpty();
        assertThat(out.toString()).contains("  $ sudo update-ca-certificates\n", "trusted.");
        assertThat(Files.readAllLines(calls)).containsExactly(
                "sudo cp " + root.location() + " " + temporary.resolve("anchors/localhome-" + names.id() + ".crt"),
                "sudo update-ca-certificates");
    }
}
