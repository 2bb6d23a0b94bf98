package dev.localhome.bootstrap.cli.ca;

import dev.localhome.adapters.netty.testing.SystemTools;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.localhome.adapters.certs.CertificateAuthorities;
import dev.localhome.bootstrap.cli.CommandLineRun;
import dev.localhome.bootstrap.cli.common.Failures;
import dev.localhome.bootstrap.cli.common.HostCommands;
import dev.localhome.bootstrap.trust.CaNames;
import dev.localhome.domain.port.RootCertificate;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ca trust} and {@code ca untrust} in-process, against a temporary home and a temporary system root, with a
 * {@code PATH} of the real certutil and {@code cp}, and stand-ins for {@code sudo} and {@code update-ca-certificates}:
 * the machine's own stores are never reached (CI runs as root).
 */
class CaTrustCommandTest {
    private static final Path CERTUTIL = Path.of("/usr/bin/certutil");

    @TempDir
    Path home;

    private CommandLineRun cli;
    private Path ca;
    private RootCertificate root;
    private CaNames names;
    private Path bin;
    private Path systemRoot;

    @BeforeEach
    void aCaAHomeAndAPathOfChosenTools() throws IOException {
        SystemTools.require(CERTUTIL.toString(), "libnss3-tools");
        ca = home.resolve("ca");
        root = CertificateAuthorities.init(ca).root();
        names = CaNames.of(root);
        bin = Files.createDirectories(home.resolve("bin"));
        Files.createSymbolicLink(bin.resolve("certutil"), CERTUTIL);
        Files.createSymbolicLink(bin.resolve("cp"), Path.of("/bin/cp"));
        Files.createSymbolicLink(bin.resolve("rm"), Path.of("/bin/rm"));
        systemRoot = home.resolve("system-root");
        Files.createDirectories(systemRoot.resolve("usr/local/share/ca-certificates"));
        cli = new CommandLineRun(home);
        cli.variables.put("PATH", bin.toString());
    }

    private int localhome(String... args) {
        String[] all = new String[args.length + 2];
        all[0] = "--mkcert-ca-root";
        all[1] = ca.toString();
        System.arraycopy(args, 0, all, 2, args.length);
        return cli.localhome(all);
    }

    @Test
    void trustCreatesChromiumsDatabaseAddsTheCaAndSaysAlreadyTrustedTheSecondTime() throws Exception {
        assertThat(localhome("ca", "trust", "--only", "nss")).isZero();
        assertThat(cli.out()).contains("$ certutil -N -d sql:" + home.resolve(".pki/nssdb"),
                "$ certutil -A -d sql:" + home.resolve(".pki/nssdb") + " -t C,, -n 'localhome CA " + names.id() + "'",
                "trusted.");
        assertThat(nicknames(home.resolve(".pki/nssdb"))).contains("localhome CA " + names.id());

        assertThat(localhome("ca", "trust", "--only", "nss")).isZero();
        assertThat(cli.out()).contains("Already trusted in Chromium").doesNotContain("$ certutil");
    }

    @Test
    void untrustDeletesOnlyLocalhomesNicknameAndLeavesAnotherCaInTheSameDatabase() throws Exception {
        Path nssdb = Files.createDirectories(home.resolve(".pki/nssdb"));
        certutil("-N", "-d", "sql:" + nssdb, "--empty-password");
        Path other = CertificateAuthorities.init(home.resolve("other-ca")).root().location();
        certutil("-A", "-d", "sql:" + nssdb, "-t", "C,,", "-n", "someone else's CA", "-i", other.toString());

        assertThat(localhome("ca", "trust", "--only", "nss")).isZero();
        assertThat(localhome("ca", "untrust", "--only", "nss")).isZero();
        assertThat(cli.out()).contains("$ certutil -D -d sql:" + nssdb + " -n 'localhome CA " + names.id() + "'");

        assertThat(nicknames(nssdb)).contains("someone else's CA").doesNotContain("localhome CA " + names.id());
        assertThat(localhome("ca", "untrust", "--only", "nss")).isZero();
        assertThat(cli.out()).contains("Not trusted in Chromium").doesNotContain("$ certutil");
    }

    @Test
    void theSameCaTrustedByHandUnderAnotherNicknameCountsAsTrustedAndUntrustSaysItLeavesIt() throws Exception {
        Path nssdb = Files.createDirectories(home.resolve(".pki/nssdb"));
        certutil("-N", "-d", "sql:" + nssdb, "--empty-password");
        Path other = CertificateAuthorities.init(home.resolve("other-ca")).root().location();
        certutil("-A", "-d", "sql:" + nssdb, "-t", "C,,", "-n", "someone else's CA", "-i", other.toString());
        certutil("-A", "-d", "sql:" + nssdb, "-t", "C,,", "-n", "my dev CA", "-i", root.location().toString());

        assertThat(localhome("ca")).isZero();
        assertThat(cli.out()).contains("yes (manual) Chromium");
        assertThat(localhome("ca", "trust", "--only", "nss")).isZero();
        assertThat(cli.out()).contains("Already trusted in Chromium (" + nssdb + ") (by an entry of its own")
                .doesNotContain("$ certutil");
        assertThat(localhome("ca", "untrust", "--only", "nss")).isZero();
        assertThat(cli.out()).contains("an entry ca trust did not add; left alone").doesNotContain("$ certutil");

        assertThat(nicknames(nssdb)).contains("my dev CA", "someone else's CA");
    }

    @Test
    void mkcertsOwnEntryForTheSameCaCountsAsTrustedAndUntrustLeavesIt() throws Exception {
        Path nssdb = Files.createDirectories(home.resolve(".pki/nssdb"));
        certutil("-N", "-d", "sql:" + nssdb, "--empty-password");
        String mkcerts = "mkcert development CA " + root.certificate().getSerialNumber();
        certutil("-A", "-d", "sql:" + nssdb, "-t", "C,,", "-n", mkcerts, "-i", root.location().toString());

        assertThat(localhome("ca", "trust", "--only", "nss")).isZero();
        assertThat(cli.out()).contains("Already trusted in Chromium (" + nssdb + ") (by mkcert -install).");
        assertThat(localhome("ca", "untrust", "--only", "nss")).isZero();
        assertThat(cli.out()).contains("mkcert's own entry; left alone").doesNotContain("$ certutil");

        assertThat(nicknames(nssdb)).contains(mkcerts).doesNotContain("localhome CA");
    }

    @Test
    void everyFirefoxProfileWithADatabaseIsTrustedToo() throws Exception {
        Path profile = Files.createDirectories(home.resolve(".mozilla/firefox/abcd1234.default-release"));
        Path snapProfile = Files.createDirectories(home.resolve("snap/firefox/common/.mozilla/firefox/x.default"));
        certutil("-N", "-d", "sql:" + profile, "--empty-password");
        certutil("-N", "-d", "sql:" + snapProfile, "--empty-password");

        assertThat(localhome("ca", "trust", "--only", "nss")).isZero();

        assertThat(cli.out()).contains("Firefox profile abcd1234.default-release", "Firefox profile x.default");
        assertThat(nicknames(profile)).contains("localhome CA " + names.id());
        assertThat(nicknames(snapProfile)).contains("localhome CA " + names.id());
    }

    @Test
    void withoutATerminalOrYesTheSystemStepsArePrintedForTheUserAndNotRun() {
        assertThat(localhome("ca", "trust", "--only", "system", "--system-root", systemRoot.toString())).isZero();

        Path anchor = systemRoot.resolve("usr/local/share/ca-certificates/localhome-" + names.id() + ".crt");
        assertThat(cli.out()).contains("Trusting in system (Debian, Ubuntu):",
                "  sudo cp " + root.location() + " " + anchor + "\n", "  sudo update-ca-certificates\n",
                "no terminal to ask on", "Not done").doesNotContain("$ sudo");
        assertThat(anchor).doesNotExist();
    }

    @Test
    void withYesTheSystemStepsRunThroughSudoOnceAndTheStatusPointsToolsAtTheSystemBundle() throws IOException {
        Path calls = home.resolve("calls");
        standIn("sudo", "echo sudo \"$@\" >> " + calls + "\nexec \"$@\"");
        standIn("update-ca-certificates", "echo update-ca-certificates >> " + calls);

        assertThat(localhome("ca", "trust", "--only", "system", "--yes", "--system-root", systemRoot.toString()))
                .isZero();
        assertThat(localhome("ca", "trust", "--only", "system", "--yes", "--system-root", systemRoot.toString()))
                .isZero();

        Path anchor = systemRoot.resolve("usr/local/share/ca-certificates/localhome-" + names.id() + ".crt");
        assertThat(anchor).hasSameBinaryContentAs(root.location());
        assertThat(cli.out()).contains("Already trusted in system (Debian, Ubuntu).");
        assertThat(Files.readAllLines(calls)).as("the second run runs nothing").containsExactly(
                "sudo cp " + root.location() + " " + anchor, "sudo update-ca-certificates", "update-ca-certificates");

        assertThat(localhome("ca", "--system-root", systemRoot.toString())).isZero();
        assertThat(cli.out()).containsPattern("yes +system \\(Debian, Ubuntu\\)")
                .contains("export SSL_CERT_FILE=" + systemRoot.resolve("etc/ssl/certs/ca-certificates.crt"),
                        "export NODE_EXTRA_CA_CERTS=" + root.location());
    }

    @Test
    void theJavaTrustStoreHoldsTheJdksCasAndThisOneAndTheStatusSaysHowToUseIt() throws Exception {
        assertThat(localhome("ca", "trust", "--only", "java")).isZero();

        Path store = home.resolve(".local/share/localhome/truststore.p12");
        KeyStore keyStore = KeyStore.getInstance(store.toFile(), "changeit".toCharArray());
        assertThat(keyStore.getCertificateAlias(root.certificate())).isEqualTo("localhome ca " + names.id());
        assertThat(keyStore.size()).as("the JDK's own CAs too").isGreaterThan(10);

        assertThat(localhome("ca")).isZero();
        assertThat(cli.out()).contains("java -Djavax.net.ssl.trustStore=" + store
                + " -Djavax.net.ssl.trustStorePassword=changeit").doesNotContain("written by");

        assertThat(localhome("ca", "untrust", "--only", "java")).isZero();
        assertThat(store).doesNotExist();
    }

    @Test
    void theStatusSaysWhereTheCaIsTrustedAndWhereNot() {
        assertThat(localhome("ca", "trust", "--only", "nss")).isZero();

        assertThat(localhome("ca", "--system-root", systemRoot.toString())).isZero();

        assertThat(cli.out()).containsPattern("yes +Chromium \\(" + home.resolve(".pki/nssdb") + "\\)")
                .containsPattern("no +system \\(Debian, Ubuntu\\)")
                .containsPattern("no +Java trust store")
                .contains("To trust it everywhere: localhome ca trust", "export REQUESTS_CA_BUNDLE=" + root.location(),
                        "hold this CA only");
    }

    @Test
    void withoutCertutilTrustFailsNamingThePackageToInstall() {
        cli.variables.put("PATH", "");

        assertThat(localhome("ca", "trust", "--only", "nss")).isEqualTo(Failures.RUNTIME_FAILURE);
        assertThat(cli.err()).startsWith("localhome: certutil is not installed").contains("libnss3-tools");
        assertThat(home.resolve(".pki/nssdb")).doesNotExist();
    }

    @Test
    void anUnknownStoreIsAUsageError() {
        assertThat(localhome("ca", "trust", "--only", "windows")).isEqualTo(2);
        assertThat(cli.err()).contains("'windows' is not a store");
    }

    private void standIn(String name, String body) throws IOException {
        Path script = bin.resolve(name);
        Files.writeString(script, "#!/bin/sh\n" + body + "\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private String nicknames(Path database) {
        return new HostCommands(cli.environment()).run("certutil", "-L", "-d", "sql:" + database).output();
    }

    private void certutil(String... arguments) {
        HostCommands.Result result = new HostCommands(cli.environment()).run("certutil", arguments);
        assertThat(result.succeeded()).as(result.output()).isTrue();
    }
}
