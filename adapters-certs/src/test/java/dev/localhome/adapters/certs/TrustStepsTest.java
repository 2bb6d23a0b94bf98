package dev.localhome.adapters.certs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.localhome.adapters.certs.TrustStep.Platform;
import dev.localhome.domain.port.RootCertificate;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrustStepsTest {
    @TempDir
    Path home;

    private RootCertificate root;
    private Path pem;

    @BeforeEach
    void ownCa() {
        root = CertificateAuthorities.init(home.resolve("ca")).root();
        pem = root.location();
    }

    private List<TrustStep> steps(RootCertificate root) {
        return CertificateAuthorities.trustSteps(root, Map.of("HOME", home.toString()));
    }

    private List<String> commands(Platform platform) {
        return steps(root).stream().filter(step -> step.platform() == platform).map(TrustStep::command).toList();
    }

    @Test
    void linuxSystemStoreAndChromeGetTheirCommands() {
        assertThat(commands(Platform.LINUX)).contains(
                "sudo cp " + pem + " /usr/local/share/ca-certificates/localhome.crt && sudo update-ca-certificates",
                "certutil -d sql:" + home.resolve(".pki/nssdb") + " -A -t C,, -n localhome -i " + pem);
    }

    @Test
    void macosGetsTheSystemKeychainCommand() {
        assertThat(commands(Platform.MACOS)).contains(
                "sudo security add-trusted-cert -d -r trustRoot -k /Library/Keychains/System.keychain " + pem);
    }

    @Test
    void everyFirefoxProfileGetsItsOwnCommand() throws Exception {
        Path profile = home.resolve(".mozilla/firefox/abcd1234.default-release");
        Files.createDirectories(profile);
        Files.writeString(profile.resolve("cert9.db"), "");
        Files.createDirectories(home.resolve(".mozilla/firefox/Crash Reports")); // no cert9.db: not a profile

        assertThat(steps(root))
                .filteredOn(step -> step.store().startsWith("Firefox") && step.platform() == Platform.LINUX)
                .containsExactly(new TrustStep(Platform.LINUX, "Firefox profile abcd1234.default-release",
                        "certutil -d sql:" + profile + " -A -t C,, -n localhome -i " + pem));
    }

    @Test
    void withoutFirefoxProfilesTheCommandNamesThePlaceToFillIn() {
        assertThat(commands(Platform.LINUX)).anySatisfy(command -> assertThat(command).contains("sql:<profile dir>"));
    }

    @Test
    void pathsWithSpacesAreQuotedForTheShell() {
        RootCertificate spaced = new RootCertificate(root.certificate(), "mkcert",
                Path.of("/Users/me/Library/Application Support/mkcert/rootCA.pem"));

        assertThat(steps(spaced)).extracting(TrustStep::command)
                .contains("mkcert -install")
                .anySatisfy(command -> assertThat(command)
                        .endsWith("System.keychain '/Users/me/Library/Application Support/mkcert/rootCA.pem'"));
        assertThat(TrustSteps.quote("it's")).isEqualTo("'it'\\''s'");
    }
}
