package dev.localhome.domain.port;

import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.Objects;

/**
 * The CA that signs every leaf: its certificate, where it came from ({@code mkcert} or {@code localhome}) and the
 * file it was read from, so users can be told what to trust.
 */
public record RootCertificate(X509Certificate certificate, String origin, Path location) {
    public RootCertificate {
        Objects.requireNonNull(certificate, "certificate");
        Objects.requireNonNull(origin, "origin");
        Objects.requireNonNull(location, "location");
    }

    /** SHA-256 of the DER encoding, as colon-separated upper-case hex: what browsers show. */
    public String sha256Fingerprint() {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded());
            return HexFormat.ofDelimiter(":").withUpperCase().formatHex(digest);
        } catch (NoSuchAlgorithmException | CertificateEncodingException e) {
            throw new IllegalStateException("cannot fingerprint the root certificate", e);
        }
    }
}
