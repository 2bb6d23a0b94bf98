package dev.localhome.adapters.certs;

import dev.localhome.domain.ServiceName;
import dev.localhome.domain.port.CertificateAuthority;
import dev.localhome.domain.port.RootCertificate;
import dev.localhome.domain.port.TlsIdentity;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The CA the daemon intercepts with, kept current: a CA that {@code localhome ca init} creates, that mkcert writes, or
 * that is replaced or removed while the daemon runs is used from then on, no restart needed. {@link CaWatcher} says
 * when the files may have changed; this locates the CA again and swaps it in when its certificate is another one.
 *
 * <p>The same CA found again keeps its authority, and so its cached leaves: a leaf cache above this (the TLS contexts)
 * can tell a new CA by {@link #root()} returning another certificate.
 */
final class LiveCertificateAuthority implements CertificateAuthority, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(LiveCertificateAuthority.class);

    private final Supplier<CertificateAuthority> locate;
    private final CaWatcher watcher;
    private volatile CertificateAuthority current;
    /** Why the CA was last refused: said once, not again at every change of an unrelated file. */
    private volatile String lastRefusal;

    /** @param locate finds and loads the CA as at start-up; throws {@link UnusableCaException} for one it must not use */
    LiveCertificateAuthority(CertificateAuthority initial, Supplier<CertificateAuthority> locate, List<Path> watched) {
        this.current = initial;
        this.locate = locate;
        this.watcher = CaWatcher.start(watched, this::reload);
    }

    @Override
    public Optional<RootCertificate> root() {
        return current.root();
    }

    @Override
    public TlsIdentity identityFor(ServiceName name) {
        return current.identityFor(name);
    }

    /** Locates the CA again; swaps it in when its certificate differs from the one in use. */
    void reload() {
        CertificateAuthority found;
        try {
            found = locate.get();
        } catch (UnusableCaException e) {
            if (current.root().isPresent() || !e.getMessage().equals(lastRefusal))
                log.warn("the CA cannot be used: {} — HTTPS interception is off until it is fixed", e.getMessage());
            lastRefusal = e.getMessage();
            found = BouncyCastleCertificateAuthority.withoutCa();
        }
        Optional<String> was = current.root().map(RootCertificate::sha256Fingerprint);
        Optional<String> now = found.root().map(RootCertificate::sha256Fingerprint);
        if (was.equals(now)) return;
        current = found;
        if (now.isEmpty()) log.info("the CA is gone: HTTPS interception is off");
        else log.info("the CA changed: intercepting HTTPS with the {} CA {} (SHA-256 {})", found.root().get().origin(),
                found.root().get().location(), now.get());
        if (now.isPresent()) lastRefusal = null;
    }

    @Override
    public void close() {
        watcher.close();
    }
}
