package dev.localhome.adapters.certs;

import dev.localhome.domain.port.RootCertificate;
import java.util.Objects;

/**
 * What {@code localhome ca init} did: created a CA, or found one already there and left it alone (running it twice is
 * harmless).
 */
public record CaInit(RootCertificate root, boolean created) {
    public CaInit {
        Objects.requireNonNull(root, "root");
    }
}
