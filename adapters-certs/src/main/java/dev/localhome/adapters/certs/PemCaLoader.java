package dev.localhome.adapters.certs;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Date;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.openssl.PEMEncryptedKeyPair;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;

/**
 * Reads a CA from {@code rootCA.pem} and {@code rootCA-key.pem}: mkcert's PKCS#8 RSA key, and also PKCS#1
 * ({@code RSA PRIVATE KEY}) and SEC1 ({@code EC PRIVATE KEY}) keys as openssl writes them.
 */
final class PemCaLoader {
    // JDK providers do the key conversion: the keys then work unchanged in JSSE and netty-tcnative
    private static final JcaPEMKeyConverter KEYS = new JcaPEMKeyConverter();

    private PemCaLoader() {}

    static SigningCa load(Path directory, String origin, Date now) {
        Path certFile = CaFiles.certificate(directory);
        Path keyFile = CaFiles.key(directory);
        KeyFilePermissions.requirePrivate(keyFile);
        X509Certificate certificate = readCertificate(certFile);
        PrivateKey key = readKey(keyFile);
        requireUsableRoot(certificate, certFile, now);
        requireMatch(certificate, key, certFile, keyFile);
        return new SigningCa(certificate, key, origin, certFile);
    }

    static X509Certificate readCertificate(Path certFile) {
        try (InputStream in = Files.newInputStream(certFile)) {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        } catch (IOException | GeneralSecurityException | ClassCastException e) {
            throw new UnusableCaException("cannot read the CA certificate %s: %s"
                    .formatted(certFile, e.getMessage()), e);
        }
    }

    static PrivateKey readKey(Path keyFile) {
        try (Reader reader = Files.newBufferedReader(keyFile, StandardCharsets.US_ASCII);
                PEMParser pem = new PEMParser(reader)) {
            // openssl's "ecparam -genkey" puts an "EC PARAMETERS" block before the key: skip anything that is not one
            for (Object object = pem.readObject(); object != null; object = pem.readObject()) {
                if (object instanceof PrivateKeyInfo info) return KEYS.getPrivateKey(info);
                // SEC1 keys may omit their public half (valid, and what the JDK writes): convert only the private one
                if (object instanceof PEMKeyPair pair) return KEYS.getPrivateKey(pair.getPrivateKeyInfo());
                if (object instanceof PEMEncryptedKeyPair || object instanceof PKCS8EncryptedPrivateKeyInfo) {
                    throw new UnusableCaException(
                            "the CA key %s is encrypted; localhome needs it unencrypted, as mkcert writes it"
                                    .formatted(keyFile));
                }
            }
        } catch (AccessDeniedException e) {
            // its message is the path alone: say what it means, and the fix
            throw new UnusableCaException(("cannot read the CA key %s: permission denied; make it readable by you "
                    + "only: chmod 600 %s (when another user owns it, first: sudo chown %s %s)").formatted(keyFile,
                    keyFile, System.getProperty("user.name"), keyFile), e);
        } catch (NoSuchFileException e) {
            throw new UnusableCaException("cannot read the CA key %s: no such file".formatted(keyFile), e);
        } catch (IOException e) {
            throw new UnusableCaException("cannot read the CA key %s: %s".formatted(keyFile, e), e);
        }
        throw new UnusableCaException("the CA key %s holds no PEM private key".formatted(keyFile));
    }

    private static void requireUsableRoot(X509Certificate certificate, Path certFile, Date now) {
        if (certificate.getBasicConstraints() < 0) {
            throw new UnusableCaException("%s is not a CA certificate (no BasicConstraints CA:true)"
                    .formatted(certFile));
        }
        if (now.after(certificate.getNotAfter())) {
            throw new UnusableCaException("the CA certificate %s expired on %s; create a new CA"
                    .formatted(certFile, certificate.getNotAfter().toInstant()));
        }
    }

    /** A key from one CA next to another CA's certificate would sign leaves no browser accepts: fail at start. */
    private static void requireMatch(X509Certificate certificate, PrivateKey key, Path certFile, Path keyFile) {
        try {
            String algorithm = SigningCa.signatureAlgorithmFor(key.getAlgorithm());
            byte[] challenge = new byte[32];
            new SecureRandom().nextBytes(challenge);
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(key);
            signer.update(challenge);
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(certificate.getPublicKey());
            verifier.update(challenge);
            if (verifier.verify(signer.sign())) return;
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new UnusableCaException("the CA key %s cannot sign for %s: %s"
                    .formatted(keyFile, certFile, e.getMessage()), e);
        }
        throw new UnusableCaException("the CA key %s does not belong to the certificate %s"
                .formatted(keyFile, certFile));
    }
}
