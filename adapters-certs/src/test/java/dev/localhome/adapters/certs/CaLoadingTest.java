package dev.localhome.adapters.certs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.localhome.adapters.certs.TestCas.KeyFormat;
import dev.localhome.domain.ServiceName;
import dev.localhome.domain.port.CertificateAuthority;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

class CaLoadingTest {
    private static KeyPair rsa;
    private static X509Certificate rsaRoot;

    @TempDir
    Path dir;

    @BeforeAll
    static void mkcertLikeRsaRoot() throws Exception {
        rsa = TestCas.rsa(2048);
        rsaRoot = TestCas.root(rsa, "mkcert test@box", true);
    }

    private static CertificateAuthority load(Path directory) {
        return CertificateAuthorities.locate(Optional.of(directory), Map.of());
    }

    @Test
    void anMkcertRsaCaWithAPkcs8KeySignsLeavesThatVerify() throws Exception {
        TestCas.write(dir, rsa, rsaRoot, KeyFormat.PKCS8);
        assertThat(Files.readString(dir.resolve("rootCA-key.pem"))).startsWith("-----BEGIN PRIVATE KEY-----");

        CertificateAuthority authority = load(dir);
        X509Certificate leaf = authority.identityFor(new ServiceName("app")).leaf();

        leaf.verify(rsaRoot.getPublicKey());
        assertThat(leaf.getSigAlgName()).isEqualTo("SHA256withRSA");
        assertThat(authority.root().orElseThrow().origin()).isEqualTo("mkcert");
        assertThat(authority.root().orElseThrow().location()).isEqualTo(dir.resolve("rootCA.pem"));
    }

    @Test
    void anOpensslRsaPrivateKeyIsAcceptedToo() throws Exception {
        TestCas.write(dir, rsa, rsaRoot, KeyFormat.TRADITIONAL);
        assertThat(Files.readString(dir.resolve("rootCA-key.pem"))).startsWith("-----BEGIN RSA PRIVATE KEY-----");

        load(dir).identityFor(new ServiceName("app")).leaf().verify(rsaRoot.getPublicKey());
    }

    @Test
    void anEcPrivateKeyAfterEcParametersIsAccepted() throws Exception {
        KeyPair ec = TestCas.ec();
        X509Certificate root = TestCas.root(ec, "openssl", true);
        TestCas.write(dir, ec, root, KeyFormat.TRADITIONAL_AFTER_EC_PARAMETERS);
        assertThat(Files.readString(dir.resolve("rootCA-key.pem"))).startsWith("-----BEGIN EC PARAMETERS-----")
                .contains("-----BEGIN EC PRIVATE KEY-----");

        X509Certificate leaf = load(dir).identityFor(new ServiceName("app")).leaf();

        leaf.verify(root.getPublicKey());
        assertThat(leaf.getSigAlgName()).isEqualTo("SHA256withECDSA");
    }

    @Test
    @EnabledOnOs({OS.LINUX, OS.MAC})
    void aKeyOtherUsersCanReadIsRefusedWithTheFixInTheMessage() throws Exception {
        TestCas.write(dir, rsa, rsaRoot, KeyFormat.PKCS8);
        Path key = dir.resolve("rootCA-key.pem");
        Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-r--r--"));

        assertThatThrownBy(() -> load(dir))
                .isInstanceOf(UnusableCaException.class)
                .hasMessageContaining(key.toString())
                .hasMessageContaining("chmod 600 " + key);
    }

    @Test
    @EnabledOnOs({OS.LINUX, OS.MAC})
    void aKeyOnlyItsGroupCanReadIsRefusedToo() throws Exception {
        TestCas.write(dir, rsa, rsaRoot, KeyFormat.PKCS8);
        Files.setPosixFilePermissions(dir.resolve("rootCA-key.pem"), PosixFilePermissions.fromString("rw-r-----"));

        assertThatThrownBy(() -> load(dir)).isInstanceOf(UnusableCaException.class).hasMessageContaining("chmod 600");
    }

    @Test
    @EnabledOnOs({OS.LINUX, OS.MAC})
    void keysThatOnlyTheOwnerCanReadAreAccepted() throws Exception {
        TestCas.write(dir, rsa, rsaRoot, KeyFormat.PKCS8);
        Path key = dir.resolve("rootCA-key.pem");

        for (String mode : new String[] {"r--------", "rw-------"}) {
            Files.setPosixFilePermissions(key, PosixFilePermissions.fromString(mode));
            assertThat(load(dir).root()).as(mode).isPresent();
        }
    }

    @Test
    void aKeyFromAnotherCaIsRefused() throws Exception {
        TestCas.write(dir, TestCas.ec(), rsaRoot, KeyFormat.PKCS8);

        assertThatThrownBy(() -> load(dir))
                .isInstanceOf(UnusableCaException.class)
                .hasMessageContaining(dir.resolve("rootCA-key.pem").toString());
    }

    @Test
    void aCertificateThatIsNoCaIsRefused() throws Exception {
        TestCas.write(dir, rsa, TestCas.root(rsa, "not a ca", false), KeyFormat.PKCS8);

        assertThatThrownBy(() -> load(dir)).isInstanceOf(UnusableCaException.class).hasMessageContaining("not a CA");
    }

    @Test
    void aFileThatHoldsNoKeyIsRefusedWithItsName() throws Exception {
        TestCas.write(dir, rsa, rsaRoot, KeyFormat.PKCS8);
        Path key = dir.resolve("rootCA-key.pem");
        Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-------"));
        Files.writeString(key, TestCas.pem(rsaRoot));

        assertThatThrownBy(() -> load(dir))
                .isInstanceOf(UnusableCaException.class)
                .hasMessageContaining(key.toString());
    }
}
