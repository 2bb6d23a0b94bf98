package dev.localhome.adapters.certs;

import dev.localhome.domain.port.CertificateAuthority;
import dev.localhome.domain.port.CertificateAuthorityContract;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** The port's contract, against an mkcert-style CA: RSA root, PKCS#8 key, found through MKCERT_CA_ROOT. */
class MkcertCaCertificateAuthorityTest extends CertificateAuthorityContract {
    @TempDir
    static Path caRoot;

    private CertificateAuthority authority;

    @BeforeAll
    static void writeMkcertCa() throws Exception {
        TestCas.mkcertStyle(caRoot); // RSA generation is slow: one CA for the class, a fresh authority per test
    }

    @BeforeEach
    void loadCa() {
        authority = CertificateAuthorities.locate(Optional.empty(), Map.of("MKCERT_CA_ROOT", caRoot.toString()));
    }

    @Override
    protected CertificateAuthority authority() {
        return authority;
    }
}
