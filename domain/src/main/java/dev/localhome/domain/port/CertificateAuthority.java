package dev.localhome.domain.port;

import dev.localhome.domain.ServiceName;
import java.util.Optional;

/** Outbound: TLS identities for names that route, signed by a local CA. Without a CA, interception is off. */
public interface CertificateAuthority {
    /** The CA in use, or empty when there is none and HTTPS interception is off. */
    Optional<RootCertificate> root();

    /**
     * A certificate for {@code name} signed by the root, minted once and cached. Minting may take milliseconds:
     * never call this on an event loop. Throws {@link IllegalStateException} when there is no CA.
     */
    TlsIdentity identityFor(ServiceName name);
}
