package dev.localhome.bootstrap.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.localhome.adapters.certs.CertificateAuthorities;
import dev.localhome.bootstrap.cli.client.StatusCommand;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code completion}, {@code ca --json}, {@code pac --json}, and help that lists every command and exit code. */
class MoreCommandsTest {
    @TempDir
    Path home;

    private CommandLineRun cli;

    @BeforeEach
    void setUp() {
        cli = new CommandLineRun(home);
    }

    @Test
    void completionPrintsABashScriptThatCompletesEveryCommand() {
        assertThat(cli.localhome("completion")).isZero();

        assertThat(cli.out()).contains("complete -F", "localhome").contains("install", "uninstall", "status", "logs",
                "open", "scan", "pac", "completion");
    }

    @Test
    void helpListsTheNewCommandsAndTheExitCodes() {
        assertThat(cli.localhome("--help")).isZero();

        assertThat(cli.out()).contains("install", "uninstall", "status", "logs", "open", "completion", "Exit codes:",
                "3   no daemon is running");
    }

    @Test
    void caAsJsonWithoutACaSaysInterceptionIsOff() {
        assertThat(cli.localhome("ca", "--json")).isZero();

        JsonNode answer = StatusCommand.parse(cli.out(), "test");
        assertThat(answer.path("interception").asBoolean(true)).isFalse();
        assertThat(answer.path("ca").isNull()).isTrue();
    }

    @Test
    void caAsJsonWithACaGivesItsOriginPathFingerprintAndTrustSteps() {
        Path ca = home.resolve("ca");
        var root = CertificateAuthorities.init(ca).root();

        assertThat(cli.localhome("ca", "--json", "--mkcert-ca-root", ca.toString())).isZero();

        JsonNode answer = StatusCommand.parse(cli.out(), "test");
        assertThat(answer.path("interception").asBoolean()).isTrue();
        assertThat(answer.path("ca").path("sha256").asText()).isEqualTo(root.sha256Fingerprint());
        assertThat(answer.path("ca").path("path").asText()).isEqualTo(root.location().toString());
        assertThat(answer.path("trust").findValuesAsText("store")).as("the trust plan's text, a step per store")
                .anyMatch(store -> store.startsWith("Chromium"));
        assertThat(answer.path("trust").findValuesAsText("command")).anyMatch(command -> command.contains("certutil -A"));
        assertThat(answer.path("trustedIn").findValuesAsText("store")).anyMatch(store -> store.startsWith("Chromium"));
        assertThat(answer.path("tools").path("NODE_EXTRA_CA_CERTS").asText()).isEqualTo(root.location().toString());
        assertThat(answer.path("tools").path("javaTrustStoreWritten").asBoolean(true)).isFalse();
    }

    @Test
    void pacAsJsonGivesThePortTheUrlAndTheText() {
        assertThat(cli.localhome("pac", "--json", "--port", "8126")).isZero();

        JsonNode answer = StatusCommand.parse(cli.out(), "test");
        assertThat(answer.path("port").asInt()).isEqualTo(8126);
        assertThat(answer.path("url").asText()).isEqualTo("http://localhost:8126/proxy.pac");
        assertThat(answer.path("pac").asText()).contains("function FindProxyForURL");
    }
}
