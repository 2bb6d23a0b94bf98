package dev.localhome.adapters.certs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.localhome.domain.ServiceName;
import dev.localhome.domain.port.CertificateAuthority;
import dev.localhome.domain.port.TlsIdentity;
import java.math.BigInteger;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Optional;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LeafCertificateTest {
    private static final ServiceName APP = new ServiceName("app");

    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock();
    private CertificateAuthority authority;
    private X509Certificate root;

    @BeforeEach
    void ownCa() {
        root = CertificateAuthorities.init(dir).root().certificate();
        authority = CertificateAuthorities.locate(Optional.of(dir), Map.of(), "Linux", Optional::empty, clock);
    }

    @Test
    void chainIsTheLeafThenTheRoot() {
        TlsIdentity identity = authority.identityFor(APP);

        assertThat(identity.chain()).hasSize(2);
        assertThat(identity.chain().get(1)).isEqualTo(root);
    }

    @Test
    void leafNamesTheServiceInItsSubject() {
        assertThat(authority.identityFor(APP).leaf().getSubjectX500Principal().getName()).isEqualTo("CN=app");
    }

    @Test
    void leafKeyIsEcdsaP256AndTheOwnRootSignsItWithSha256() {
        X509Certificate leaf = authority.identityFor(APP).leaf();

        assertThat(leaf.getPublicKey()).isInstanceOf(ECPublicKey.class);
        assertThat(((ECPublicKey) leaf.getPublicKey()).getParams().getCurve().getField().getFieldSize()).isEqualTo(256);
        assertThat(leaf.getSigAlgName()).isEqualTo("SHA256withECDSA");
    }

    @Test
    void leafStartsAnHourAgoAndLastsSevenDays() {
        X509Certificate leaf = authority.identityFor(APP).leaf();
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);

        assertThat(leaf.getNotBefore().toInstant()).isEqualTo(now.minus(Duration.ofHours(1)));
        assertThat(leaf.getNotAfter().toInstant()).isEqualTo(now.plus(Duration.ofDays(7)));
    }

    @Test
    void serialIsPositiveAndCarriesAbout128RandomBits() {
        BigInteger serial = authority.identityFor(APP).leaf().getSerialNumber();

        assertThat(serial.signum()).isPositive();
        assertThat(serial.bitLength()).isBetween(100, 129); // fewer than 100 leading bits: one chance in 2^28
    }

    @Test
    void leafIsNoCaAndMaySignOnlyForTls() throws Exception {
        X509Certificate leaf = authority.identityFor(APP).leaf();

        assertThat(leaf.getBasicConstraints()).isEqualTo(-1);
        assertThat(leaf.getCriticalExtensionOIDs())
                .contains(Extension.basicConstraints.getId(), Extension.keyUsage.getId());
        boolean[] keyUsage = leaf.getKeyUsage();
        assertThat(keyUsage[0]).as("digitalSignature").isTrue();
        assertThat(keyUsage[5]).as("keyCertSign").isFalse();
    }

    @Test
    void authorityKeyIdentifierIsTheRootsSubjectKeyIdentifier() throws Exception {
        var leaf = new JcaX509CertificateHolder(authority.identityFor(APP).leaf());
        var rootHolder = new JcaX509CertificateHolder(root);

        byte[] authorityKeyId =
                AuthorityKeyIdentifier.fromExtensions(leaf.getExtensions()).getKeyIdentifierObject().getOctets();
        byte[] rootKeyId = SubjectKeyIdentifier.fromExtensions(rootHolder.getExtensions()).getKeyIdentifier();

        assertThat(authorityKeyId).isEqualTo(rootKeyId);
        assertThat(AuthorityKeyIdentifier.fromExtensions(leaf.getExtensions()).getAuthorityCertIssuer())
                .as("key id only, no issuer name and serial").isNull();
        assertThat(SubjectKeyIdentifier.fromExtensions(leaf.getExtensions())).isNotNull();
    }

    @Test
    void leafIsKeptUntilADayBeforeItExpires() {
        X509Certificate first = authority.identityFor(APP).leaf();

        clock.advance(Duration.ofDays(5).plusHours(23));

        assertThat(authority.identityFor(APP).leaf()).isEqualTo(first);
    }

    @Test
    void leafIsMintedAgainWithinADayOfExpiry() {
        X509Certificate first = authority.identityFor(APP).leaf();

        clock.advance(Duration.ofDays(6).plusMinutes(1));
        X509Certificate renewed = authority.identityFor(APP).leaf();

        assertThat(renewed).isNotEqualTo(first);
        assertThat(renewed.getNotAfter()).isAfter(first.getNotAfter());
        assertThat(renewed.getPublicKey()).as("the daemon keeps one leaf key").isEqualTo(first.getPublicKey());
        assertThat(authority.identityFor(APP).leaf()).isEqualTo(renewed);
    }
}
