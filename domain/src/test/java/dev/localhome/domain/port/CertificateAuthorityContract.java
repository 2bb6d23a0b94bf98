package dev.localhome.domain.port;

import static org.assertj.core.api.Assertions.assertThat;

import dev.localhome.domain.ServiceName;
import java.nio.charset.StandardCharsets;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * What every {@link CertificateAuthority} with a CA must do, so that a browser that trusts the root accepts the leaf.
 * An adapter's test extends this class and returns an authority that has a root.
 */
public abstract class CertificateAuthorityContract {
    private static final String SERVER_AUTH = "1.3.6.1.5.5.7.3.1";
    private static final int DNS_NAME = 2;
    private static final ServiceName APP = new ServiceName("app");

    /** The authority under test, with a root; it must return the same instance for the whole of one test. */
    protected abstract CertificateAuthority authority();

    @Test
    void anAuthorityUnderContractHasARoot() {
        assertThat(authority().root()).isPresent();
    }

    @Test
    void leafIsSignedByTheRoot() throws Exception {
        CertificateAuthority authority = authority();
        X509Certificate root = authority.root().orElseThrow().certificate();

        X509Certificate leaf = authority.identityFor(APP).leaf();

        leaf.verify(root.getPublicKey());
        assertThat(leaf.getIssuerX500Principal()).isEqualTo(root.getSubjectX500Principal());
    }

    @Test
    void leafNamesTheServiceAsItsOnlyDnsSubjectAlternativeName() throws Exception {
        X509Certificate leaf = authority().identityFor(APP).leaf();

        assertThat(dnsNames(leaf)).containsExactly("app");
    }

    @Test
    void nestedAndUnderscoreNamesGetTheirOwnSubjectAlternativeName() throws Exception {
        CertificateAuthority authority = authority();

        assertThat(dnsNames(authority.identityFor(new ServiceName("api.shop")).leaf())).containsExactly("api.shop");
        assertThat(dnsNames(authority.identityFor(new ServiceName("_home")).leaf())).containsExactly("_home");
    }

    @Test
    void leafIsValidNow() throws Exception {
        authority().identityFor(APP).leaf().checkValidity();
    }

    @Test
    void leafIsForServerAuthentication() throws Exception {
        X509Certificate leaf = authority().identityFor(APP).leaf();

        assertThat(leaf.getExtendedKeyUsage()).contains(SERVER_AUTH);
        assertThat(leaf.getBasicConstraints()).as("a leaf is not a CA").isEqualTo(-1);
    }

    @Test
    void privateKeySignsWhatTheLeafVerifies() throws Exception {
        TlsIdentity identity = authority().identityFor(APP);
        String algorithm = identity.key().getAlgorithm().equals("RSA") ? "SHA256withRSA" : "SHA256withECDSA";
        byte[] message = "localhome".getBytes(StandardCharsets.US_ASCII);

        Signature signer = Signature.getInstance(algorithm);
        signer.initSign(identity.key());
        signer.update(message);
        Signature verifier = Signature.getInstance(algorithm);
        verifier.initVerify(identity.leaf().getPublicKey());
        verifier.update(message);

        assertThat(verifier.verify(signer.sign())).isTrue();
    }

    @Test
    void askingTwiceReturnsTheSameCertificate() {
        CertificateAuthority authority = authority();

        X509Certificate first = authority.identityFor(APP).leaf();
        X509Certificate second = authority.identityFor(new ServiceName("APP")).leaf();

        assertThat(second).isEqualTo(first);
    }

    @Test
    void concurrentCallersForANewNameAllGetOneAndTheSameCertificate() throws Exception {
        CertificateAuthority authority = authority();
        ServiceName name = new ServiceName("concurrent");
        int callers = 16;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(callers);
        try {
            List<Future<X509Certificate>> futures = new ArrayList<>();
            for (int i = 0; i < callers; i++) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return authority.identityFor(name).leaf();
                }));
            }
            start.countDown();
            List<X509Certificate> leaves = new ArrayList<>();
            for (Future<X509Certificate> future : futures) leaves.add(future.get(30, TimeUnit.SECONDS));

            assertThat(leaves).hasSize(callers).allSatisfy(leaf -> assertThat(leaf).isEqualTo(leaves.get(0)));
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void differentNamesGetDifferentCertificatesThatShareOneKey() {
        CertificateAuthority authority = authority();

        TlsIdentity app = authority.identityFor(APP);
        TlsIdentity api = authority.identityFor(new ServiceName("api"));

        assertThat(api.leaf()).isNotEqualTo(app.leaf());
        assertThat(api.leaf().getSerialNumber()).isNotEqualTo(app.leaf().getSerialNumber());
        assertThat(api.leaf().getPublicKey()).isEqualTo(app.leaf().getPublicKey());
        assertThat(api.key()).isEqualTo(app.key());
    }

    private static List<String> dnsNames(X509Certificate leaf) throws Exception {
        List<String> names = new ArrayList<>();
        if (leaf.getSubjectAlternativeNames() == null) return names;
        for (List<?> entry : leaf.getSubjectAlternativeNames()) {
            if (((Integer) entry.get(0)) == DNS_NAME) names.add((String) entry.get(1));
        }
        return names;
    }
}
