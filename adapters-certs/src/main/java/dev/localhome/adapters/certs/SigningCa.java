package dev.localhome.adapters.certs;

import dev.localhome.domain.port.RootCertificate;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;

/** A root certificate with its private key: what signs every leaf. Never leaves this package. */
record SigningCa(X509Certificate certificate, PrivateKey key, String origin, Path location) {

    RootCertificate root() {
        return new RootCertificate(certificate, origin, location);
    }

    /** mkcert roots are RSA; roots from {@code localhome ca init} are ECDSA P-256. */
    String signatureAlgorithm() {
        return signatureAlgorithmFor(key.getAlgorithm());
    }

    static String signatureAlgorithmFor(String keyAlgorithm) {
        return switch (keyAlgorithm) {
            case "RSA" -> "SHA256withRSA";
            case "EC", "ECDSA" -> "SHA256withECDSA";
            default -> throw new IllegalArgumentException("unsupported CA key algorithm " + keyAlgorithm);
        };
    }
}
