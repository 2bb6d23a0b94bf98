package dev.localhome.bench.jmh;

import dev.localhome.adapters.certs.CertificateAuthorities;
import dev.localhome.domain.port.CertificateAuthority;
import java.io.IOException;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.Date;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.bouncycastle.asn1.x500.X500Name;
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

/** The two kinds of root localhome signs with, made fresh in a directory: no key is ever committed. */
public enum Roots {
    /** What {@code localhome ca init} makes: ECDSA P-256. */
    LOCALHOME_P256 {
        @Override
        void writeTo(Path directory) {
            CertificateAuthorities.init(directory);
        }
    },
    /** What mkcert makes: RSA-3072, PKCS#8 key, CA:true pathLen 0. */
    MKCERT_RSA3072 {
        @Override
        void writeTo(Path directory) throws IOException, GeneralSecurityException, OperatorCreationException {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(3072);
            KeyPair keyPair = generator.generateKeyPair();
            Files.createDirectories(directory);
            Files.writeString(directory.resolve("rootCA.pem"), pem(selfSigned(keyPair)));
            Path key = directory.resolve("rootCA-key.pem");
            Files.writeString(key, pem(new JcaPKCS8Generator(keyPair.getPrivate(), null)));
            // localhome refuses a CA key that others can read
            Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("r--------"));
        }
    };

    abstract void writeTo(Path directory) throws Exception;

    /** The authority the daemon would run with, loaded from {@code directory} as {@code --mkcert-ca-root} does. */
    static CertificateAuthority load(Path directory) {
        return CertificateAuthorities.locate(Optional.of(directory), Map.of());
    }

    static void delete(Path directory) throws IOException {
        if (directory == null || !Files.exists(directory)) return;
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) Files.delete(path);
        }
    }

    private static X509Certificate selfSigned(KeyPair keyPair)
            throws IOException, GeneralSecurityException, OperatorCreationException {
        X500Name subject = new X500Name("O=mkcert development CA,OU=bench@jmh,CN=mkcert bench@jmh");
        Instant now = Instant.now();
        var builder = new JcaX509v3CertificateBuilder(subject, BigInteger.valueOf(now.toEpochMilli()),
                Date.from(now.minus(Duration.ofHours(1))), Date.from(now.plus(Duration.ofDays(3650))), subject,
                keyPair.getPublic());
        builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(0));
        builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign));
        builder.addExtension(Extension.subjectKeyIdentifier, false,
                new JcaX509ExtensionUtils().createSubjectKeyIdentifier(keyPair.getPublic()));
        return new JcaX509CertificateConverter().getCertificate(
                builder.build(new JcaContentSignerBuilder("SHA256withRSA").build(keyPair.getPrivate())));
    }

    private static String pem(Object object) throws IOException {
        StringWriter text = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
            writer.writeObject(object);
        }
        return text.toString();
    }
}
