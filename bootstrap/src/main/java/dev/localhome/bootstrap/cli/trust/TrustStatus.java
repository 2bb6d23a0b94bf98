package dev.localhome.bootstrap.cli.trust;

import dev.localhome.bootstrap.cli.common.HostCommands;
import dev.localhome.bootstrap.trust.CaNames;
import dev.localhome.bootstrap.trust.TrustAction;
import dev.localhome.bootstrap.trust.TrustState;
import dev.localhome.bootstrap.trust.TrustStore.JavaTrustStore;
import dev.localhome.bootstrap.trust.TrustStore.Nss;
import dev.localhome.bootstrap.trust.TrustStore.SystemAnchors;
import dev.localhome.bootstrap.trust.TrustStore;
import dev.localhome.bootstrap.trust.TrustStores.Scope;
import dev.localhome.bootstrap.trust.TrustStores;
import dev.localhome.domain.port.RootCertificate;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where the CA is trusted on this machine and where not, and what tools outside the browser need to trust it: scripts
 * and servers that reach {@code https://app/} through {@code HTTPS_PROXY} check the certificate themselves.
 */
public final class TrustStatus {
    /** One store, and what it holds; empty when it cannot be known (no certutil to read an NSS database). */
    public record Entry(TrustStore store, Optional<TrustState> state) {}

    private final RootCertificate root;
    private final List<Entry> entries;

    private TrustStatus(RootCertificate root, List<Entry> entries) {
        this.root = root;
        this.entries = entries;
    }

    public static TrustStatus of(RootCertificate root, TrustStores stores, HostCommands host) {
        CaNames names = CaNames.of(root);
        TrustProbe probe = new TrustProbe(host);
        boolean certutil = host.find("certutil").isPresent();
        List<Entry> entries = stores.find(EnumSet.allOf(Scope.class)).stream()
                .map(store -> new Entry(store, store instanceof Nss && !certutil
                        ? Optional.<TrustState>empty() : Optional.of(probe.stateOf(store, root, names))))
                .toList();
        return new TrustStatus(root, entries);
    }

    public List<Entry> entries() {
        return entries;
    }

    public void print(PrintWriter out, String proxy) {
        out.println();
        out.println("Trusted:");
        for (Entry entry : entries) {
            String mark = entry.state().map(state -> switch (state) {
                case OURS -> "yes";
                case MKCERTS -> "yes (mkcert)";
                case ANOTHER_ENTRY -> "yes (manual)"; // an entry ca trust did not add: another nickname
                case NOT_TRUSTED, MISSING -> "no";
            }).orElse("?");
            out.printf("  %-13s%s%s%n", mark, entry.store().label(),
                    entry.state().isPresent() ? "" : ": unknown, certutil is not installed (libnss3-tools)");
        }
        if (entries.stream().anyMatch(entry -> entry.state().filter(TrustState::trusted).isEmpty()))
            out.println("To trust it everywhere: localhome ca trust (it asks before anything that needs root)");
        out.println();
        out.println("Tools outside the browser, reaching https://<name>/ through HTTPS_PROXY=" + proxy + ":");
        tools().forEach((variable, value) -> out.printf("  export %s=%s%n", variable, TrustAction.Run.quote(value)));
        out.printf("  java -Djavax.net.ssl.trustStore=%s -Djavax.net.ssl.trustStorePassword=%s ...%s%n",
                TrustAction.Run.quote(javaStore().file().toString()), JavaTrustStore.PASSWORD,
                javaTrusted() ? "" : "   (written by: localhome ca trust --only java)");
        if (systemBundle().isEmpty()) {
            out.println("  (SSL_CERT_FILE and REQUESTS_CA_BUNDLE above hold this CA only, so other sites fail with them;");
            out.println("   once the system store trusts it, they point at the system bundle, which holds both)");
        }
    }

    /** The variables, by name: Node adds its file to its own CAs; OpenSSL and requests replace theirs with the file. */
    public Map<String, String> tools() {
        String bundle = systemBundle().map(Path::toString).orElse(root.location().toString());
        Map<String, String> tools = new LinkedHashMap<>();
        tools.put("NODE_EXTRA_CA_CERTS", root.location().toString());
        tools.put("SSL_CERT_FILE", bundle);
        tools.put("REQUESTS_CA_BUNDLE", bundle);
        return tools;
    }

    public JavaTrustStore javaStore() {
        return entries.stream().map(Entry::store).filter(JavaTrustStore.class::isInstance)
                .map(JavaTrustStore.class::cast).findFirst().orElseThrow();
    }

    public boolean javaTrusted() {
        return entries.stream().anyMatch(entry -> entry.store() instanceof JavaTrustStore
                && entry.state().filter(TrustState::trusted).isPresent());
    }

    /** The system store's bundle, once the system store trusts the CA: it then holds the public CAs and this one. */
    private Optional<Path> systemBundle() {
        return entries.stream()
                .filter(entry -> entry.store() instanceof SystemAnchors && entry.state().filter(TrustState::trusted).isPresent())
                .map(entry -> ((SystemAnchors) entry.store()).bundle()).findFirst();
    }
}
