package dev.localhome.adapters.certs;

import java.io.IOException;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.bouncycastle.asn1.DERBitString;
import org.bouncycastle.asn1.sec.ECPrivateKey;
import org.bouncycastle.asn1.sec.SECObjectIdentifiers;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.util.io.pem.PemObject;

/** CAs the way mkcert and openssl write them, made in the test so no fixture key is ever committed. */
final class TestCas {
    enum KeyFormat { PKCS8, TRADITIONAL, TRADITIONAL_AFTER_EC_PARAMETERS }

    private TestCas() {}

    static KeyPair rsa(int bits) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(bits);
        return generator.generateKeyPair();
    }

    static KeyPair ec() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        return generator.generateKeyPair();
    }

    /** Like mkcert's root: CA:true pathLen 0, keyCertSign, a subject key identifier, ten years. */
    static X509Certificate root(KeyPair keyPair, String commonName, boolean ca) throws Exception {
        X500Name subject = new X500Name("O=mkcert development CA,CN=" + commonName);
        Instant now = Instant.now();
        var builder = new JcaX509v3CertificateBuilder(subject, BigInteger.valueOf(now.toEpochMilli()),
                Date.from(now.minus(Duration.ofHours(1))), Date.from(now.plus(Duration.ofDays(3650))), subject,
                keyPair.getPublic());
        builder.addExtension(Extension.basicConstraints, true,
                ca ? new BasicConstraints(0) : new BasicConstraints(false));
        builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.digitalSignature));
        builder.addExtension(Extension.subjectKeyIdentifier, false,
                new JcaX509ExtensionUtils().createSubjectKeyIdentifier(keyPair.getPublic()));
        String algorithm = keyPair.getPrivate().getAlgorithm().equals("RSA") ? "SHA256withRSA" : "SHA256withECDSA";
        return new JcaX509CertificateConverter()
                .getCertificate(builder.build(new JcaContentSignerBuilder(algorithm).build(keyPair.getPrivate())));
    }

    /** Writes {@code rootCA.pem} and {@code rootCA-key.pem}, the key 0400 as mkcert leaves it. */
    static Path write(Path directory, KeyPair keyPair, X509Certificate root, KeyFormat format) throws IOException {
        Files.createDirectories(directory);
        Files.writeString(directory.resolve("rootCA.pem"), pem(root));
        Path key = directory.resolve("rootCA-key.pem");
        Files.writeString(key, switch (format) {
            case PKCS8 -> pem(new JcaPKCS8Generator(keyPair.getPrivate(), null));
            // JcaPEMWriter writes a bare private key the traditional way: "RSA PRIVATE KEY" / "EC PRIVATE KEY"
            case TRADITIONAL -> pem(keyPair);
            case TRADITIONAL_AFTER_EC_PARAMETERS ->
                    pem(new PemObject("EC PARAMETERS", SECObjectIdentifiers.secp256r1.getEncoded()))
                            + opensslSec1(keyPair);
        });
        Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("r--------"));
        return directory;
    }

    /** SEC1 as openssl writes it, curve and public key included (the JDK's own encoding leaves both out). */
    private static String opensslSec1(KeyPair keyPair) throws IOException {
        var publicKey = SubjectPublicKeyInfo.getInstance(keyPair.getPublic().getEncoded()).getPublicKeyData();
        var sec1 = new ECPrivateKey(256, ((java.security.interfaces.ECPrivateKey) keyPair.getPrivate()).getS(),
                new DERBitString(publicKey.getBytes()), SECObjectIdentifiers.secp256r1);
        return pem(new PemObject("EC PRIVATE KEY", sec1.getEncoded()));
    }

    static Path mkcertStyle(Path directory) throws Exception {
        KeyPair keyPair = rsa(2048);
        return write(directory, keyPair, root(keyPair, "mkcert test@box", true), KeyFormat.PKCS8);
    }

    static String pem(Object object) throws IOException {
        StringWriter text = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
            writer.writeObject(object);
        }
        return text.toString();
    }
}
