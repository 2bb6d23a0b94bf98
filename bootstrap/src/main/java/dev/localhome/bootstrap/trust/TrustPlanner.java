package dev.localhome.bootstrap.trust;

import dev.localhome.bootstrap.trust.TrustAction.CreateDirectory;
import dev.localhome.bootstrap.trust.TrustAction.DeleteFile;
import dev.localhome.bootstrap.trust.TrustAction.Run;
import dev.localhome.bootstrap.trust.TrustAction.WriteJavaTrustStore;
import dev.localhome.bootstrap.trust.TrustStore.JavaTrustStore;
import dev.localhome.bootstrap.trust.TrustStore.MacKeychain;
import dev.localhome.bootstrap.trust.TrustStore.Nss;
import dev.localhome.bootstrap.trust.TrustStore.SystemAnchors;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Decides, from what a store holds now, the steps that trust or untrust the CA there: none when it is already so,
 * which is what makes both commands idempotent. Pure: it runs nothing and reads nothing.
 *
 * <p>Every step that adds or deletes names localhome's own entry ({@link CaNames#nickname()}, its anchor file), so
 * no other CA is ever touched; mkcert's entry for the same CA counts as trusted and is left to {@code mkcert}.
 */
public final class TrustPlanner {
    /** What to do in one store. No actions: it is already as asked, and {@link #state} says how. */
    public record StorePlan(TrustStore store, TrustState state, List<TrustAction> actions) {
        public StorePlan {
            actions = List.copyOf(actions);
        }
    }

    private final Path pem;
    private final CaNames names;
    private final boolean runningAsRoot;

    public TrustPlanner(Path pem, CaNames names, boolean runningAsRoot) {
        this.pem = pem;
        this.names = names;
        this.runningAsRoot = runningAsRoot;
    }

    public StorePlan trust(TrustStore store, TrustState state) {
        if (state.trusted()) return new StorePlan(store, state, List.of());
        List<TrustAction> actions = new ArrayList<>();
        if (store instanceof Nss nss) {
            if (state == TrustState.MISSING) {
                // as Chromium itself would on its first start: an empty database without a password
                actions.add(new CreateDirectory(nss.directory()));
                actions.add(user("certutil", "-N", "-d", nss.database(), "--empty-password"));
            }
            // C,, : a CA trusted to issue TLS server certificates, and nothing else (no e-mail, no code signing)
            actions.add(user("certutil", "-A", "-d", nss.database(), "-t", "C,,", "-n", names.nickname(), "-i",
                    pem.toString()));
        } else if (store instanceof SystemAnchors system) {
            actions.add(root("cp", pem.toString(), system.anchor(names.fileStem()).toString()));
            actions.add(root(system.refresh()));
        } else if (store instanceof MacKeychain mac) {
            actions.add(root("security", "add-trusted-cert", "-d", "-r", "trustRoot", "-k", mac.keychain().toString(),
                    pem.toString()));
        } else {
            actions.add(new WriteJavaTrustStore((JavaTrustStore) store));
        }
        return new StorePlan(store, state, actions);
    }

    public StorePlan untrust(TrustStore store, TrustState state) {
        // MKCERTS: trusted through mkcert's own entry, which is mkcert's to remove (mkcert -uninstall)
        if (state != TrustState.OURS) return new StorePlan(store, state, List.of());
        List<TrustAction> actions = new ArrayList<>();
        if (store instanceof Nss nss) {
            actions.add(user("certutil", "-D", "-d", nss.database(), "-n", names.nickname()));
        } else if (store instanceof SystemAnchors system) {
            actions.add(root("rm", "-f", system.anchor(names.fileStem()).toString()));
            actions.add(root(system.refresh()));
        } else if (store instanceof MacKeychain mac) {
            actions.add(root("security", "remove-trusted-cert", "-d", pem.toString()));
            // by its SHA-1: deletes this one certificate, never another with the same name
            actions.add(root("security", "delete-certificate", "-Z", names.sha1(), mac.keychain().toString()));
        } else {
            actions.add(new DeleteFile(((JavaTrustStore) store).file()));
        }
        return new StorePlan(store, state, actions);
    }

    private static Run user(String... command) {
        return new Run(List.of(command), false);
    }

    private Run root(String... command) {
        List<String> line = new ArrayList<>();
        if (!runningAsRoot) line.add("sudo");
        line.addAll(List.of(command));
        return new Run(line, true);
    }
}
