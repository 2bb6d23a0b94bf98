package dev.localhome.bootstrap.trust;

import dev.localhome.adapters.certs.CertificateAuthorities;
import dev.localhome.bootstrap.config.Environment;
import dev.localhome.bootstrap.trust.TrustStore.JavaTrustStore;
import dev.localhome.bootstrap.trust.TrustStore.MacKeychain;
import dev.localhome.bootstrap.trust.TrustStore.Nss;
import dev.localhome.bootstrap.trust.TrustStore.SystemAnchors;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The trust stores of a machine, found from the user's home and a system root ({@code /}, or a test's directory):
 * nothing outside those two trees is ever looked at, so a test that gives both as temporary directories cannot reach
 * the real machine's stores.
 */
public record TrustStores(Path home, Path systemRoot, String osName, Path javaTrustStore) {
    /** What {@code --only} selects. */
    public enum Scope { NSS, SYSTEM, JAVA }

    /** This machine's stores as the environment names them: its home, and the system root given (normally /). */
    public static TrustStores of(Environment environment, Path systemRoot) {
        Path javaStore = CertificateAuthorities.ownCaDirectory(environment.variablesWithHome()).resolve("truststore.p12");
        return new TrustStores(environment.home(), systemRoot, System.getProperty("os.name", ""), javaStore);
    }

    public List<TrustStore> find(Set<Scope> scopes) {
        List<TrustStore> stores = new ArrayList<>();
        if (scopes.contains(Scope.NSS)) stores.addAll(nss());
        if (scopes.contains(Scope.SYSTEM)) stores.addAll(system());
        if (scopes.contains(Scope.JAVA)) stores.add(new JavaTrustStore(javaTrustStore));
        return stores;
    }

    /** Chromium's database on Linux (macOS's Chrome reads the keychain), then every Firefox profile. */
    private List<TrustStore> nss() {
        List<TrustStore> stores = new ArrayList<>();
        if (!isMac()) stores.add(new Nss("Chromium (" + home.resolve(".pki/nssdb") + ")", home.resolve(".pki/nssdb")));
        for (Path parent : List.of(home.resolve(".mozilla/firefox"), home.resolve("snap/firefox/common/.mozilla/firefox"),
                home.resolve(".var/app/org.mozilla.firefox/.mozilla/firefox"),
                home.resolve("Library/Application Support/Firefox/Profiles"))) {
            for (Path profile : profiles(parent)) {
                stores.add(new Nss("Firefox profile " + profile.getFileName() + " (" + profile + ")", profile));
            }
        }
        return stores;
    }

    /** mkcert's checks, in its order: Fedora's anchors directory first, since some Fedora machines also have Debian's. */
    private List<TrustStore> system() {
        if (isMac()) return List.of(new MacKeychain(systemRoot.resolve("Library/Keychains/System.keychain")));
        Path fedora = systemRoot.resolve("etc/pki/ca-trust/source/anchors");
        if (Files.isDirectory(fedora)) {
            return List.of(new SystemAnchors("system (Fedora, RHEL)", fedora, ".pem", "update-ca-trust",
                    systemRoot.resolve("etc/pki/tls/certs/ca-bundle.crt")));
        }
        Path debian = systemRoot.resolve("usr/local/share/ca-certificates");
        if (Files.isDirectory(debian)) {
            return List.of(new SystemAnchors("system (Debian, Ubuntu)", debian, ".crt", "update-ca-certificates",
                    systemRoot.resolve("etc/ssl/certs/ca-certificates.crt")));
        }
        return List.of();
    }

    /** Whether a system store is known here at all; without one, {@code ca trust} says so instead of guessing. */
    public boolean knowsSystemStore() {
        return !system().isEmpty();
    }

    private boolean isMac() {
        return osName.toLowerCase(Locale.ROOT).startsWith("mac");
    }

    /** A profile directory is one with an NSS database ({@code cert9.db}) in it. */
    private static List<Path> profiles(Path parent) {
        if (!Files.isDirectory(parent)) return List.of();
        try (Stream<Path> children = Files.list(parent)) {
            return children.filter(child -> Files.isRegularFile(child.resolve("cert9.db"))).sorted().toList();
        } catch (IOException e) {
            return List.of(); // an unreadable profile directory costs that profile, not the whole command
        }
    }
}
