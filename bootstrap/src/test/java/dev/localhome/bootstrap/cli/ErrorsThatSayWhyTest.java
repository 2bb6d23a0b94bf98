package dev.localhome.bootstrap.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.localhome.adapters.certs.CertificateAuthorities;
import dev.localhome.bootstrap.config.Environment;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/** Each mistake a user can make gets one line that names the flag, file or key and says why, with its exit code. */
class ErrorsThatSayWhyTest {
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
    void anUnresolvableBindAddressNamesTheFlagAndTheReasonAndExitsTwo() throws Exception {
        LocalhomeProcess.Result result = LocalhomeProcess.run(home, home, Map.of(),
                "--bind", "no-such-host.invalid", "--port", "0");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.stderr()).contains("localhome: --bind: cannot listen on \"no-such-host.invalid\": this "
                + "machine cannot resolve that name to an address").doesNotContain("Exception");
    }

    @Test
    void anUnresolvableBindAddressInAConfigFileNamesTheFileAndTheKey() throws Exception {
        Path file = Files.writeString(home.resolve("localhome.local.json"), "{\"bind\": \"no-such-host.invalid\"}");

        LocalhomeProcess.Result result = LocalhomeProcess.run(home, home, Map.of(), "pac");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.stderr()).contains("localhome: " + file + ": key 'bind': cannot listen on "
                + "\"no-such-host.invalid\": this machine cannot resolve that name");
    }

    @Test
    void aTruncatedConfigFileSaysWhereItEndsAndWhatIsOpenWithoutParserInternals() throws IOException {
        Path file = Files.writeString(home.resolve("localhome.local.json"), "{\"port\": 9090,\n \"services\": {\"a\": 1");

        assertThat(localhome("pac")).isEqualTo(2);
        assertThat(err.toString()).isEqualTo("localhome: " + file + ": line 2, column 21: not valid JSON: the file "
                + "ends before an object { ... } is closed (the one opened at line 2, column 14): is it cut short?"
                + System.lineSeparator());
    }

    @Test
    void aConfigFileWithAStrayCharacterSaysWhatWithoutParserInternals() throws IOException {
        Files.writeString(home.resolve("localhome.local.json"), "{\"port\": 9090,, }");

        assertThat(localhome("pac")).isEqualTo(2);
        assertThat(err.toString()).contains("line 1, column 15: not valid JSON: Unexpected character (',' (code 44))")
                .doesNotContain("Source").doesNotContain("REDACTED");
    }

    @Test
    @EnabledOnOs({OS.LINUX, OS.MAC})
    void anUnreadableCaKeyIsNamedOnceWithPermissionDeniedAndTheFix() throws Exception {
        Path ca = Files.createDirectories(home.resolve("ca"));
        CertificateAuthorities.init(ca);
        Path key = ca.resolve("rootCA-key.pem");
        Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("---------"));

        LocalhomeProcess.Result result = LocalhomeProcess.run(home, home, Map.of(), "--mkcert-ca-root", ca.toString(),
                "--port", "0");

        assertThat(result.exitCode()).isEqualTo(2);
        String line = result.stderr().lines().filter(l -> l.startsWith("localhome: ")).findFirst().orElse("");
        assertThat(line).contains("cannot read the CA key " + key + ": permission denied", "chmod 600 " + key);
        // the path once for what went wrong (then only in the commands that fix it), never "<path>: <path>"
        assertThat(line).doesNotContain(key + ": " + key);
    }

    @Test
    void caInitBesideACertificateWithoutItsKeySaysWhichFileAndWhatToDo() throws IOException {
        Path own = home.resolve(".local/share/localhome");
        Files.createDirectories(own);
        Files.writeString(own.resolve("rootCA.pem"), "-----BEGIN CERTIFICATE-----\n");

        assertThat(localhome("ca", "init")).isEqualTo(2);
        assertThat(err.toString()).contains(own.resolve("rootCA.pem") + " has no key beside it ("
                + own.resolve("rootCA-key.pem") + " is missing)", "move " + own.resolve("rootCA.pem")
                + " away and run localhome ca init again").doesNotContain("already exists");
    }

    @Test
    void openWithBrowserExitsOneWhenNoBrowserCouldBeOpened() throws Exception {
        // a stand-in for xdg-open that finds no browser, as xdg-open does on a machine without one (exit code 3)
        Path bin = Files.createDirectories(home.resolve("bin"));
        Path xdgOpen = Files.writeString(bin.resolve("xdg-open"), "#!/bin/sh\necho 'xdg-open: no method available for opening' >&2\nexit 3\n");
        xdgOpen.toFile().setExecutable(true);
        variables.put("PATH", bin.toString());
        try (FakeDaemonApi daemon = new FakeDaemonApi()) {
            int exit = localhome("open", "app", "--browser", "--port", String.valueOf(daemon.port()));

            assertThat(exit).isEqualTo(1);
            assertThat(out.toString()).isEqualTo("https://app/" + System.lineSeparator());
            assertThat(err.toString()).contains("could not open a browser (xdg-open exited with code 3: xdg-open: no "
                    + "method available for opening): open https://app/ yourself");
        }
    }

    @Test
    void scanSaysWhenNoDaemonAnswersOnThePortItsUrlsCarry() {
        assertThat(localhome("scan", "--port", "1")).isZero();

        assertThat(err.toString()).contains("localhome: no daemon answers on port 1: these URLs assume it will listen "
                + "there; give the daemon's port with --port");
    }
}
