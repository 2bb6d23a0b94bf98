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
import java.util.Arrays;
import java.util.Optional;

/** Looks, without changing anything, whether a store trusts a CA. Reading needs no root anywhere. */
public final class TrustProbe {
    private final HostCommands host;

    public TrustProbe(HostCommands host) {
        this.host = host;
    }

    public TrustState stateOf(TrustStore store, RootCertificate root, CaNames names) {
        // Java 17: no pattern switch over the sealed type yet, so an instanceof chain; the last case is the only one left
        if (store instanceof Nss nss) return nss(nss, names);
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

    private TrustState nss(Nss nss, CaNames names) {
        if (!Files.isRegularFile(nss.directory().resolve("cert9.db"))) return TrustState.MISSING;
        if (listed(nss, names.nickname())) return TrustState.OURS;
        Optional<String> mkcert = names.mkcertNickname();
        return mkcert.isPresent() && listed(nss, mkcert.get()) ? TrustState.MKCERTS : TrustState.NOT_TRUSTED;
    }

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
