package dev.localhome.adapters.certs;

import dev.localhome.domain.ServiceName;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** Signs a short-lived server certificate for one name with the daemon's single leaf key, directly under the root. */
final class LeafMinter {
    // short-lived: a leaked leaf is worthless within days, and the cache re-mints before browsers notice
    static final Duration VALIDITY = Duration.ofDays(7);
    static final Duration RENEW_BEFORE = Duration.ofDays(1);
    // clients with skewed clocks (VMs and laptops just resumed from sleep) reject a certificate that starts "now"
    static final Duration BACKDATE = Duration.ofHours(1);

    private final SigningCa ca;
    private final KeyPair leafKey;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    // the same for every leaf (one root, one leaf key): computed once
    private final AuthorityKeyIdentifier authorityKeyId;
    private final SubjectKeyIdentifier subjectKeyId;

    LeafMinter(SigningCa ca, KeyPair leafKey, Clock clock) {
        this.ca = ca;
        this.leafKey = leafKey;
        this.clock = clock;
        try {
            JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
            this.authorityKeyId = authorityKeyId(ca.certificate(), extensions);
            this.subjectKeyId = extensions.createSubjectKeyIdentifier(leafKey.getPublic());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot derive key identifiers", e);
        }
    }

    X509Certificate mint(ServiceName name) {
        Instant now = clock.instant();
        Instant notAfter = min(now.plus(VALIDITY), ca.certificate().getNotAfter().toInstant());
        // 128 random bits: unique without bookkeeping and unguessable; +1 keeps it positive and never zero
        BigInteger serial = new BigInteger(128, random).add(BigInteger.ONE);
        X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(ca.certificate(), serial,
                Date.from(now.minus(BACKDATE)), Date.from(notAfter),
                new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.CN, name.value()).build(), leafKey.getPublic());
        try {
            // browsers read only the SAN; CN is for people reading the certificate
            builder.addExtension(Extension.subjectAlternativeName, false,
                    new GeneralNames(new GeneralName(GeneralName.dNSName, name.value())));
            builder.addExtension(Extension.extendedKeyUsage, false,
                    new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            builder.addExtension(Extension.authorityKeyIdentifier, false, authorityKeyId);
            builder.addExtension(Extension.subjectKeyIdentifier, false, subjectKeyId);
            // a fresh signer per leaf: ContentSigner buffers what it signs and is not thread-safe
            var signer = new JcaContentSignerBuilder(ca.signatureAlgorithm()).build(ca.key());
            return new JcaX509CertificateConverter().getCertificate(builder.build(signer));
        } catch (CertIOException | OperatorCreationException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot mint a certificate for '%s'".formatted(name), e);
        }
    }

    /** Re-mint a day before expiry, unless the root itself ends sooner and no new leaf could last longer. */
    boolean needsRenewal(X509Certificate leaf) {
        Instant notAfter = leaf.getNotAfter().toInstant();
        return clock.instant().plus(RENEW_BEFORE).isAfter(notAfter)
                && notAfter.isBefore(ca.certificate().getNotAfter().toInstant());
    }

    /**
     * The root's own key identifier, copied rather than recomputed (a root may derive it another way), and without
     * the issuer name and serial that would tie leaves to one particular root certificate.
     */
    private static AuthorityKeyIdentifier authorityKeyId(X509Certificate root, JcaX509ExtensionUtils extensions) {
        byte[] extension = root.getExtensionValue(Extension.subjectKeyIdentifier.getId());
        if (extension == null) return extensions.createAuthorityKeyIdentifier(root.getPublicKey());
        byte[] keyId = SubjectKeyIdentifier.getInstance(
                ASN1OctetString.getInstance(extension).getOctets()).getKeyIdentifier();
        return new AuthorityKeyIdentifier(keyId);
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }
}
