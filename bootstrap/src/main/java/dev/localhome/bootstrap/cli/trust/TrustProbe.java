package dev.localhome.bootstrap.cli.trust;

import dev.localhome.bootstrap.cli.common.HostCommands;
import dev.localhome.bootstrap.trust.CaNames;
import dev.localhome.bootstrap.trust.TrustState;
import dev.localhome.bootstrap.trust.TrustStore.JavaTrustStore;
import dev.localhome.bootstrap.trust.TrustStore.MacKeychain;
import dev.localhome.bootstrap.trust.TrustStore.Nss;
import dev.localhome.bootstrap.trust.TrustStore.SystemAnchors;
import dev.localhome.bootstrap.trust.TrustStore;
import dev.localhome.domain.port.RootCertificate;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateEncodingException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Looks, without changing anything, whether a store trusts a CA. Reading needs no root anywhere. */
public final class TrustProbe {
    private final HostCommands host;

    public TrustProbe(HostCommands host) {
        this.host = host;
    }

    public TrustState stateOf(TrustStore store, RootCertificate root, CaNames names) {
        // Java 17: no pattern switch over the sealed type yet, so an instanceof chain; the last case is the only one left
        if (store instanceof Nss nss) return nss(nss, root, names);
        if (store instanceof SystemAnchors system) {
            if (sameFile(system.anchor(names.fileStem()), root.location())) return TrustState.OURS;
            return names.mkcertFileStem().map(system::anchor).filter(Files::isRegularFile).isPresent()
                    ? TrustState.MKCERTS : TrustState.NOT_TRUSTED;
        }
        if (store instanceof MacKeychain mac) {
            return host.run("security", "find-certificate", "-a", "-Z", mac.keychain().toString()).output()
                    .contains(names.sha1()) ? TrustState.OURS : TrustState.NOT_TRUSTED;
        }
        return JavaTrustStores.holds((JavaTrustStore) store, root) ? TrustState.OURS : TrustState.NOT_TRUSTED;
    }

    private TrustState nss(Nss nss, RootCertificate root, CaNames names) {
        if (!Files.isRegularFile(nss.directory().resolve("cert9.db"))) return TrustState.MISSING;
        if (listed(nss, names.nickname())) return TrustState.OURS;
        Optional<String> mkcert = names.mkcertNickname();
        if (mkcert.isPresent() && listed(nss, mkcert.get())) return TrustState.MKCERTS;
        return anotherEntryHolds(nss, root) ? TrustState.ANOTHER_ENTRY : TrustState.NOT_TRUSTED;
    }

    /**
     * Whether an entry under any other nickname holds this very CA (compared by its DER bytes, so by fingerprint): a CA
     * trusted by hand ({@code certutil -A -n mine ...}) is trusted, whatever it was called.
     */
    private boolean anotherEntryHolds(Nss nss, RootCertificate root) {
        HostCommands.Result list = host.run("certutil", "-L", "-d", nss.database());
        if (!list.succeeded()) return false;
        byte[] wanted;
        try {
            wanted = root.certificate().getEncoded();
        } catch (CertificateEncodingException e) {
            return false;
        }
        // "<nickname>   <trust flags>" under a two-line header; a nickname may hold spaces, the flags never do
        for (String line : list.output().lines().toList()) {
            Matcher entry = NSS_ENTRY.matcher(line);
            if (!entry.matches() || !entry.group(2).contains("C")) continue;
            HostCommands.Result pem = host.run("certutil", "-L", "-d", nss.database(), "-n", entry.group(1).strip(), "-a");
            if (pem.succeeded() && ders(pem.output()).stream().anyMatch(der -> Arrays.equals(der, wanted))) return true;
        }
        return false;
    }

    /** A listed certificate with its trust flags: {@code C,,}, {@code CT,C,C}; the header lines do not match. */
    private static final Pattern NSS_ENTRY = Pattern.compile("(\\S.*?)\\s+([cCTpPuw]*,[cCTpPuw]*,[cCTpPuw]*)\\s*");

    /**
     * Every certificate in {@code certutil -a} output, as DER. A nickname can bring several: NSS files certificates by
     * subject, and two CAs made on one machine by {@code ca init} share theirs.
     */
    private static List<byte[]> ders(String pem) {
        List<byte[]> found = new ArrayList<>();
        Matcher block = PEM_BLOCK.matcher(pem);
        while (block.find()) {
            try {
                found.add(Base64.getMimeDecoder().decode(block.group(1)));
            } catch (IllegalArgumentException e) {
                // not base64: no certificate of ours
            }
        }
        return found;
    }

    private static final Pattern PEM_BLOCK =
            Pattern.compile("-----BEGIN CERTIFICATE-----(.*?)-----END CERTIFICATE-----", Pattern.DOTALL);

    private boolean listed(Nss nss, String nickname) {
        return host.run("certutil", "-L", "-d", nss.database(), "-n", nickname).succeeded();
    }

    /** The anchor is ours when it holds exactly the CA's file: a stale anchor of an older CA is not trust. */
    private static boolean sameFile(Path anchor, Path pem) {
        try {
            return Files.isRegularFile(anchor) && Arrays.equals(Files.readAllBytes(anchor), Files.readAllBytes(pem));
        } catch (IOException e) {
            return false;
        }
    }
}
