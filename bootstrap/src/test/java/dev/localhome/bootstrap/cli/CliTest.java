package dev.localhome.bootstrap.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.localhome.bootstrap.config.Environment;
import dev.localhome.bootstrap.wiring.FixedListenerPlugin;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

class CliTest {
    @TempDir
    Path home;

    private final Map<String, String> variables = new HashMap<>();
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int localhome(String... args) {
        variables.putIfAbsent("HOME", home.toString());
        return Cli.execute(args, Environment.of(variables, home, home), new PrintWriter(out, true),
                new PrintWriter(err, true));
    }

    @Test
    void versionPrintsTheVersionAndExitsZero() {
        assertThat(localhome("--version")).isZero();
        assertThat(out.toString()).startsWith("localhome ");
    }

    @Test
    void helpListsTheCommandsAndExitsZero() {
        assertThat(localhome("--help")).isZero();
        assertThat(out.toString()).contains("run", "scan", "ca", "pac", "--port", "--bind", "--name",
                "--mkcert-ca-root");
    }

    @Test
    void anUnknownOptionIsAUsageErrorWithExitCodeTwo() {
        assertThat(localhome("--bogus")).isEqualTo(2);
        assertThat(err.toString()).contains("Unknown option: '--bogus'");
    }

    @Test
    void anUnknownCommandIsAUsageError() {
        assertThat(localhome("frobnicate")).isEqualTo(2);
    }

    @Test
    void aBadConfigFileExitsTwoWithOneLineNamingFileAndKeyAndNoStackTrace() throws IOException {
        Path file = Files.writeString(home.resolve("localhome.local.json"), "{\"port\": \"abc\"}");

        assertThat(localhome("pac")).isEqualTo(2);
        assertThat(err.toString()).isEqualTo("localhome: " + file + ": key 'port': expected a whole number from 0 "
                + "to 65535, got \"abc\"" + System.lineSeparator());
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void aBadEnvironmentVariableExitsTwo() {
        variables.put("PORT", "ninety");

        assertThat(localhome("pac")).isEqualTo(2);
        assertThat(err.toString()).contains("environment variable PORT");
    }

    @Test
    void pacPrintsTheProxyAutoConfigForTheConfiguredPort() {
        variables.put("PORT", "8123");

        assertThat(localhome("pac")).isZero();
        assertThat(out.toString()).contains("function FindProxyForURL(url, host)", "isPlainHostName(name)",
                "var LOCALHOME_NAMES = [\"home\"];", "\"PROXY \" + name + \".localhost:8123; DIRECT\"",
                "return \"DIRECT\"");
    }

    @Test
    void sharedOptionsWorkBeforeAndAfterTheCommand() {
        assertThat(localhome("--port", "8124", "pac")).isZero();
        assertThat(localhome("pac", "--port", "8125")).isZero();

        assertThat(out.toString()).contains(".localhost:8124;", ".localhost:8125;");
    }

    @Test
    void scanAsJsonListsThePluginsServiceWithItsUrl() {
        assertThat(localhome("scan", "--json", "--port", "9999")).isZero();

        assertThat(out.toString()).contains("\"name\" : \"" + FixedListenerPlugin.NAME + "\"", "\"state\" : \"running\"",
                "\"port\" : " + FixedListenerPlugin.PORT, "\"url\" : \"http://plugin-fixture.localhost:9999/\"",
                "\"url\" : \"http://65001.plugin-fixture.localhost:9999/\"", "\"chosen\" : true");
    }

    @Test
    void scanPrintsAnAlignedTable() {
        assertThat(localhome("scan")).isZero();

        String[] lines = out.toString().split("\n");
        assertThat(lines[0]).matches("NAME +PORT +URL +PID +COMMAND");
        assertThat(out.toString()).containsPattern("(?m)^plugin-fixture +65001 +http://plugin-fixture.localhost:9090/ +- +-$");
        int portColumn = lines[0].indexOf("PORT");
        for (String line : lines) assertThat(line.substring(portColumn)).doesNotStartWith(" ");
    }

    @Test
    void caWithoutAnyCaSaysInterceptionIsOffAndHowToTurnItOn() {
        assertThat(localhome("ca")).isZero();
        assertThat(out.toString()).contains("HTTPS interception is off", "localhome ca init");
    }

    @Test
    void caNamingADirectoryWithoutACaIsAConfigError() {
        assertThat(localhome("ca", "--mkcert-ca-root", home.resolve("empty").toString())).isEqualTo(2);
        assertThat(err.toString()).startsWith("localhome: ").contains("does not hold");
    }

    @Test
    void caInitCreatesACaThatCaThenReports() {
        assertThat(localhome("ca", "init")).isZero();
        assertThat(out.toString()).contains("Created a CA in " + home.resolve(".local/share/localhome"), "SHA-256:");

        assertThat(localhome("ca", "init")).isZero();
        assertThat(out.toString()).contains("already exists");

        assertThat(localhome("ca")).isZero();
        assertThat(out.toString()).contains("HTTPS interception: on", "(localhome)");
    }

    @Test
    @Timeout(30) // without the flag the daemon would run until a signal
    void stopWhenListeningStartsTheDaemonAnnouncesItsPortAndStops() {
        assertThat(localhome("--port", "0", "--stop-when-listening")).isZero();
        assertThat(out.toString()).containsPattern("^LISTENING:[1-9][0-9]*\\R");
    }
}
