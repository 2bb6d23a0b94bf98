package dev.localhome.adapters.certs;

import dev.localhome.adapters.certs.TrustStep.Platform;
import dev.localhome.domain.port.RootCertificate;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** The commands that make a root trusted, per platform and browser; Firefox keeps a store per profile. */
final class TrustSteps {
    private static final String NICKNAME = "localhome";
    private static final Pattern SHELL_SAFE = Pattern.compile("[A-Za-z0-9_./:=@%+,-]+");

    private final Path home;

    TrustSteps(Path home) {
        this.home = home;
    }

    List<TrustStep> forRoot(RootCertificate root) {
        String pem = quote(root.location().toString());
        List<TrustStep> steps = new ArrayList<>();
        if (root.origin().equals(CaLocator.MKCERT)) {
            // mkcert knows every store on every platform; the steps below are for machines without it
            steps.add(new TrustStep(Platform.LINUX, "every store (mkcert)", "mkcert -install"));
            steps.add(new TrustStep(Platform.MACOS, "every store (mkcert)", "mkcert -install"));
        }
        steps.add(new TrustStep(Platform.LINUX, "system (Debian, Ubuntu)",
                "sudo cp %s /usr/local/share/ca-certificates/localhome.crt && sudo update-ca-certificates"
                        .formatted(pem)));
        steps.add(new TrustStep(Platform.LINUX, "system (Fedora, RHEL)",
                "sudo cp %s /etc/pki/ca-trust/source/anchors/localhome.pem && sudo update-ca-trust".formatted(pem)));
        steps.add(new TrustStep(Platform.LINUX, "system (Arch)", "sudo trust anchor --store " + pem));
        steps.add(new TrustStep(Platform.LINUX, "Chrome / Chromium", certutil(home.resolve(".pki/nssdb"), pem)));
        steps.addAll(firefox(Platform.LINUX, pem, home.resolve(".mozilla/firefox"),
                home.resolve("snap/firefox/common/.mozilla/firefox"),
                home.resolve(".var/app/org.mozilla.firefox/.mozilla/firefox")));
        steps.add(new TrustStep(Platform.MACOS, "system keychain (Safari, Chrome)",
                "sudo security add-trusted-cert -d -r trustRoot -k /Library/Keychains/System.keychain " + pem));
        steps.addAll(firefox(Platform.MACOS, pem, home.resolve("Library/Application Support/Firefox/Profiles")));
        return steps;
    }

    private static List<TrustStep> firefox(Platform platform, String pem, Path... profileParents) {
        List<TrustStep> steps = new ArrayList<>();
        for (Path parent : profileParents) {
            for (Path profile : profiles(parent)) {
                steps.add(new TrustStep(platform, "Firefox profile " + profile.getFileName(), certutil(profile, pem)));
            }
        }
        if (steps.isEmpty()) {
            steps.add(new TrustStep(platform, "Firefox (each profile)",
                    "certutil -d sql:<profile dir> -A -t C,, -n %s -i %s".formatted(NICKNAME, pem)));
        }
        return steps;
    }

    /** A profile directory is one with an NSS database ({@code cert9.db}) in it. */
    private static List<Path> profiles(Path parent) {
        if (!Files.isDirectory(parent)) return List.of();
        try (Stream<Path> children = Files.list(parent)) {
            return children.filter(child -> Files.isRegularFile(child.resolve("cert9.db"))).sorted().toList();
        } catch (IOException e) {
            return List.of(); // an unreadable profile directory only costs a step, not the whole list
        }
    }

    private static String certutil(Path database, String pem) {
        return "certutil -d %s -A -t C,, -n %s -i %s".formatted(quote("sql:" + database), NICKNAME, pem);
    }

    /** Paths go into commands people paste into a shell; macOS's "Application Support" has a space. */
    static String quote(String word) {
        if (SHELL_SAFE.matcher(word).matches()) return word;
        return "'" + word.replace("'", "'\\''") + "'";
    }
}
