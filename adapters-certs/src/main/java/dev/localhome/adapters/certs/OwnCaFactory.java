package dev.localhome.adapters.certs;

import dev.localhome.domain.port.RootCertificate;
import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.Set;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@code localhome ca init}: a root of localhome's own, for machines without mkcert. */
final class OwnCaFactory {
    private static final Logger log = LoggerFactory.getLogger(OwnCaFactory.class);
    private static final String ORGANIZATION = "localhome development CA";

    private OwnCaFactory() {}

    static CaInit create(Path directory, String userAtHost, Clock clock) {
        Path certFile = CaFiles.certificate(directory);
        Path keyFile = CaFiles.key(directory);
        if (Files.exists(certFile)) {
            // a certificate whose key is gone or unreadable signs nothing: "a CA already exists" would send the user
            // back to the daemon, which says "run localhome ca init" (a loop); say which file, and what to do
            if (!Files.exists(keyFile))
                throw new UnusableCaException(("%s has no key beside it (%s is missing), so it cannot sign "
                        + "certificates: restore the key, or move %s away and run localhome ca init again to create a new "
                        + "CA (then trust the new one: localhome ca trust)").formatted(certFile, keyFile, certFile));
            PemCaLoader.readKey(keyFile); // unreadable: says so, with the fix
            log.info("a CA already exists in {}; leaving it as it is", directory);
            return new CaInit(new RootCertificate(PemCaLoader.readCertificate(certFile), CaLocator.LOCALHOME, certFile),
                    false);
        }
        if (Files.exists(keyFile)) {
            throw new UnusableCaException(("%s exists without %s: a half-made CA; move it away and run "
                    + "localhome ca init again").formatted(keyFile, certFile));
        }
        try {
            KeyPair keyPair = newRootKey();
            X509Certificate certificate = selfSign(keyPair, userAtHost, clock.instant());
            Files.createDirectories(directory, withMode(directory, "rwx------"));
            // the key is 0600 from its first byte: a chmod afterwards would leave a moment when others can read it
            write(keyFile, pem(new JcaPKCS8Generator(keyPair.getPrivate(), null)),
                    withMode(directory, "rw-------"));
            // the certificate last: a crash before it leaves no directory that looks like a complete CA
            write(certFile, pem(certificate), withMode(directory, "rw-r--r--"));
            log.info("created a CA in {}", directory);
            return new CaInit(new RootCertificate(certificate, CaLocator.LOCALHOME, certFile), true);
        } catch (FileAlreadyExistsException e) {
            throw new UnusableCaException("another localhome ca init is writing %s right now"
                    .formatted(e.getFile()), e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the CA to " + directory, e);
        } catch (GeneralSecurityException | OperatorCreationException e) {
            throw new IllegalStateException("cannot create a CA", e);
        }
    }

    private static KeyPair newRootKey() throws GeneralSecurityException {
        // P-256 rather than mkcert's RSA-3072: generated in milliseconds, and every browser accepts it
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        return generator.generateKeyPair();
    }

    private static X509Certificate selfSign(KeyPair keyPair, String userAtHost, Instant now)
            throws GeneralSecurityException, IOException, OperatorCreationException {
        X500Name subject = new X500NameBuilder(BCStyle.INSTANCE)
                .addRDN(BCStyle.O, ORGANIZATION)
                .addRDN(BCStyle.OU, userAtHost)
                .addRDN(BCStyle.CN, ORGANIZATION + " " + userAtHost)
                .build();
        // backdated like the leaves, for clients with skewed clocks
        Instant notBefore = now.minus(LeafMinter.BACKDATE);
        Instant notAfter = now.atOffset(ZoneOffset.UTC).plusYears(10).toInstant();
        BigInteger serial = new BigInteger(128, new SecureRandom()).add(BigInteger.ONE);
        var builder = new JcaX509v3CertificateBuilder(subject, serial, Date.from(notBefore), Date.from(notAfter),
                subject, keyPair.getPublic());
        JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
        // pathLen 0: this root signs leaves only, never an intermediate CA
        builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(0));
        builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
        builder.addExtension(Extension.subjectKeyIdentifier, false,
                extensions.createSubjectKeyIdentifier(keyPair.getPublic()));
        var signer = new JcaContentSignerBuilder("SHA256withECDSA").build(keyPair.getPrivate());
        return new JcaX509CertificateConverter().getCertificate(builder.build(signer));
    }

    private static FileAttribute<?>[] withMode(Path path, String permissions) {
        // Windows has no modes: the file inherits the ACL of the user's profile directory, which is private already
        if (!path.getFileSystem().supportedFileAttributeViews().contains("posix")) return new FileAttribute<?>[0];
        return new FileAttribute<?>[] {
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(permissions))
        };
    }

    private static void write(Path file, String content, FileAttribute<?>[] attributes) throws IOException {
        try (OutputStream out = Channels.newOutputStream(Files.newByteChannel(file,
                Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE), attributes))) {
            out.write(content.getBytes(StandardCharsets.US_ASCII));
        }
    }

    /** Keys come as a {@link JcaPKCS8Generator}: unencrypted PKCS#8 "PRIVATE KEY", as mkcert writes them. */
    private static String pem(Object object) throws IOException {
        StringWriter text = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
            writer.writeObject(object);
        }
        return text.toString();
    }
}
