package dev.localhome.adapters.certs;

import dev.localhome.domain.port.CertificateAuthority;
import dev.localhome.domain.port.CertificateAuthorityContract;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** The port's contract, against a CA that {@code localhome ca init} created (ECDSA P-256 root). */
class OwnCaCertificateAuthorityTest extends CertificateAuthorityContract {
    @TempDir
    Path dataHome;

    private CertificateAuthority authority;

    @BeforeEach
    void createAndLoadOwnCa() {
        Path directory = CertificateAuthorities.ownCaDirectory(Map.of("XDG_DATA_HOME", dataHome.toString()));
        CertificateAuthorities.init(directory);
        authority = CertificateAuthorities.locate(Optional.of(directory), Map.of());
    }

    @Override
    protected CertificateAuthority authority() {
        return authority;
    }
}
