package dev.localhome.bootstrap.trust;

import dev.localhome.domain.port.RootCertificate;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;

/**
 * The names one CA goes by in trust stores. Every entry {@code ca trust} adds carries {@link #nickname()}, which
 * holds the CA's fingerprint: {@code ca untrust} deletes that nickname and nothing else, so it can never remove a CA
 * that is not this one. mkcert's own entry ({@link #mkcertNickname()}, for an mkcert CA) is looked for, never deleted.
 *
 * @param id the first 16 hex digits of the CA's SHA-256, lower case: in file names and the nickname
 * @param sha1 the CA's SHA-1 as upper-case hex, as macOS's {@code security} prints and takes it
 */
public record CaNames(String id, String sha1, Optional<String> mkcertNickname) {
    public static CaNames of(RootCertificate root) {
        String id = root.sha256Fingerprint().replace(":", "").substring(0, 16).toLowerCase(Locale.ROOT);
        // mkcert -install names its entries "mkcert development CA <serial in decimal>" (mkcert's caUniqueName)
        Optional<String> mkcert = root.origin().equals("mkcert")
                ? Optional.of("mkcert development CA " + root.certificate().getSerialNumber())
                : Optional.empty();
        return new CaNames(id, sha1(root), mkcert);
    }

    /** The nickname of localhome's entry in an NSS database, and its alias in the Java trust store. */
    public String nickname() {
        return "localhome CA " + id;
    }

    /** The file name stem of localhome's anchor in a Linux system store. */
    public String fileStem() {
        return "localhome-" + id;
    }

    /** The file mkcert -install writes into a Linux system store: its nickname with underscores. */
    public Optional<String> mkcertFileStem() {
        return mkcertNickname.map(name -> name.replace(' ', '_'));
    }

    private static String sha1(RootCertificate root) {
        try {
            return HexFormat.of().withUpperCase()
                    .formatHex(MessageDigest.getInstance("SHA-1").digest(root.certificate().getEncoded()));
        } catch (NoSuchAlgorithmException | CertificateEncodingException e) {
            throw new IllegalStateException("cannot fingerprint the root certificate", e);
        }
    }
}
