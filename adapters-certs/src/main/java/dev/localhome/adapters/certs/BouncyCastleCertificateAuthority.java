package dev.localhome.adapters.certs;

import dev.localhome.domain.ServiceName;
import dev.localhome.domain.port.CertificateAuthority;
import dev.localhome.domain.port.RootCertificate;
import dev.localhome.domain.port.TlsIdentity;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Mints leaf certificates on demand, signed by a loaded CA; without one, {@link #root()} is empty. */
final class BouncyCastleCertificateAuthority implements CertificateAuthority {
    private static final Logger log = LoggerFactory.getLogger(BouncyCastleCertificateAuthority.class);

    private final Optional<SigningCa> ca;
    private final LeafCache leaves;

    private BouncyCastleCertificateAuthority(Optional<SigningCa> ca, LeafCache leaves) {
        this.ca = ca;
        this.leaves = leaves;
    }

    /** Interception off: there is no CA to sign with. */
    static BouncyCastleCertificateAuthority withoutCa() {
        return new BouncyCastleCertificateAuthority(Optional.empty(), null);
    }

    static BouncyCastleCertificateAuthority signingWith(SigningCa ca, Clock clock) {
        // one key for every leaf and the daemon's whole life: minting is then a signature, not a key generation
        KeyPair leafKey = newLeafKey();
        LeafMinter minter = new LeafMinter(ca, leafKey, clock);
        LeafCache leaves = new LeafCache(name -> {
            long started = System.nanoTime();
            TlsIdentity identity = new TlsIdentity(leafKey.getPrivate(), List.of(minter.mint(name), ca.certificate()));
            log.debug("minted a certificate for '{}' in {} µs", name, (System.nanoTime() - started) / 1_000);
            return identity;
        }, identity -> minter.needsRenewal(identity.leaf()));
        return new BouncyCastleCertificateAuthority(Optional.of(ca), leaves);
    }

    @Override
    public Optional<RootCertificate> root() {
        return ca.map(SigningCa::root);
    }

    @Override
    public TlsIdentity identityFor(ServiceName name) {
        if (ca.isEmpty()) {
            throw new IllegalStateException("no CA: HTTPS interception is off, so there is no certificate for '%s'"
                    .formatted(name));
        }
        return leaves.get(name);
    }

    private static KeyPair newLeafKey() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JDK cannot generate ECDSA P-256 keys", e);
        }
    }
}
