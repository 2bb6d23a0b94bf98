package dev.localhome.adapters.certs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

class OwnCaInitTest {
    @TempDir
    Path dataHome;

    private Path caDirectory() {
        return CertificateAuthorities.ownCaDirectory(Map.of("XDG_DATA_HOME", dataHome.toString()));
    }

    @Test
    void theOwnCaLivesUnderXdgDataHomeOrTheHomeDirectory() {
        assertThat(caDirectory()).isEqualTo(dataHome.resolve("localhome"));
        assertThat(CertificateAuthorities.ownCaDirectory(Map.of("HOME", "/home/someone")))
                .isEqualTo(Path.of("/home/someone/.local/share/localhome"));
    }

    @Test
    @EnabledOnOs({OS.LINUX, OS.MAC})
    void initCreatesAPrivateDirectoryAndAKeyOnlyItsOwnerCanRead() throws Exception {
        CaInit init = CertificateAuthorities.init(caDirectory());

        assertThat(init.created()).isTrue();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(caDirectory()))).isEqualTo("rwx------");
        Path key = caDirectory().resolve("rootCA-key.pem");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key))).isEqualTo("rw-------");
        assertThat(Files.readString(caDirectory().resolve("rootCA-key.pem"))).startsWith("-----BEGIN PRIVATE KEY-----");
        assertThat(init.root().location()).isEqualTo(caDirectory().resolve("rootCA.pem"));
        assertThat(init.root().origin()).isEqualTo("localhome");
    }

    @Test
    void theRootIsAP256CaForLeavesOnlyThatLastsTenYears() throws Exception {
        X509Certificate root = CertificateAuthorities.init(caDirectory()).root().certificate();

        assertThat(root.getSubjectX500Principal().getName()).contains("CN=localhome development CA ").contains("@");
        assertThat(root.getBasicConstraints()).as("pathLen 0").isZero();
        assertThat(root.getKeyUsage()[5]).as("keyCertSign").isTrue();
        assertThat(root.getKeyUsage()[6]).as("cRLSign").isTrue();
        assertThat(root.getPublicKey()).isInstanceOf(ECPublicKey.class);
        assertThat(root.getNotAfter().toInstant()).isAfter(Instant.now().plus(Duration.ofDays(3649)));
        root.verify(root.getPublicKey());
    }

    @Test
    void initTwiceKeepsTheFirstCaAndSaysItExists() throws Exception {
        CaInit first = CertificateAuthorities.init(caDirectory());
        String keyBefore = Files.readString(caDirectory().resolve("rootCA-key.pem"));

        CaInit second = CertificateAuthorities.init(caDirectory());

        assertThat(second.created()).isFalse();
        assertThat(second.root().certificate()).isEqualTo(first.root().certificate());
        assertThat(Files.readString(caDirectory().resolve("rootCA-key.pem"))).isEqualTo(keyBefore);
    }

    @Test
    void aLoneKeyIsNeitherOverwrittenNorTakenForACa() throws Exception {
        Files.createDirectories(caDirectory());
        Files.writeString(caDirectory().resolve("rootCA-key.pem"), "precious");

        assertThatThrownBy(() -> CertificateAuthorities.init(caDirectory()))
                .isInstanceOf(UnusableCaException.class)
                .hasMessageContaining("rootCA-key.pem");
        assertThat(Files.readString(caDirectory().resolve("rootCA-key.pem"))).isEqualTo("precious");
    }

    @Test
    void theCaInitCreatesIsTheOneLocateFinds() {
        CaInit init = CertificateAuthorities.init(caDirectory());

        var authority = CertificateAuthorities.locate(java.util.Optional.empty(),
                Map.of("XDG_DATA_HOME", dataHome.toString(), "HOME", dataHome.toString(), "PATH", ""));

        assertThat(authority.root()).contains(init.root());
    }
}
