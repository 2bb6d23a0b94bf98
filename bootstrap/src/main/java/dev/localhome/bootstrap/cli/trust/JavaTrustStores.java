package dev.localhome.bootstrap.cli.trust;

import dev.localhome.bootstrap.trust.TrustStore.JavaTrustStore;
import dev.localhome.domain.port.RootCertificate;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.Collections;

/**
 * Writes and reads the Java trust store: the running JDK's own CAs plus localhome's, so a Java tool given
 * {@code -Djavax.net.ssl.trustStore} still trusts public sites as well as {@code https://app/}.
 */
final class JavaTrustStores {
    private JavaTrustStores() {}

    static boolean holds(JavaTrustStore store, RootCertificate root) {
        if (!Files.isRegularFile(store.file())) return false;
        try {
            KeyStore keyStore = KeyStore.getInstance(store.file().toFile(), JavaTrustStore.PASSWORD.toCharArray());
            return keyStore.getCertificateAlias(root.certificate()) != null;
        } catch (IOException | GeneralSecurityException e) {
            return false; // unreadable or another password: not one this command wrote, so not trusted through it
        }
    }

    static void write(JavaTrustStore store, RootCertificate root, String alias) {
        try {
            KeyStore keyStore = KeyStore.getInstance("PKCS12");
            keyStore.load(null, null);
            Path cacerts = Path.of(System.getProperty("java.home"), "lib", "security", "cacerts");
            if (Files.isRegularFile(cacerts)) {
                KeyStore jdk = KeyStore.getInstance(cacerts.toFile(), JavaTrustStore.PASSWORD.toCharArray());
                for (String name : Collections.list(jdk.aliases())) {
                    if (jdk.isCertificateEntry(name)) keyStore.setCertificateEntry(name, jdk.getCertificate(name));
                }
            }
            keyStore.setCertificateEntry(alias, root.certificate());
            Files.createDirectories(store.file().getParent());
            // written aside, then moved: a Java tool starting meanwhile reads the old store or the new, never half
            Path partial = store.file().resolveSibling(store.file().getFileName() + ".partial");
            try (OutputStream out = Files.newOutputStream(partial)) {
                keyStore.store(out, JavaTrustStore.PASSWORD.toCharArray());
            }
            Files.move(partial, store.file(), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the Java trust store " + store.file(), e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot build the Java trust store " + store.file(), e);
        }
    }
}
