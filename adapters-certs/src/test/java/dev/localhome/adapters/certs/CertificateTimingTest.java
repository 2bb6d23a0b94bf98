package dev.localhome.adapters.certs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.localhome.adapters.certs.TestCas.KeyFormat;
import dev.localhome.domain.ServiceName;
import dev.localhome.domain.port.CertificateAuthority;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * How long minting and {@code ca init} take, for BENCHMARKS.md. Off by default; run with
 *
 * <pre>mvn -q -o verify -pl adapters-certs -Dtest=CertificateTimingTest -Dlocalhome.benchmark=true \
 *     -Dsurefire.failIfNoSpecifiedTests=false</pre>
 *
 * and read {@code target/surefire-reports/dev.localhome.adapters.certs.CertificateTimingTest-output.txt}.
 */
@EnabledIfSystemProperty(named = "localhome.benchmark", matches = "true")
class CertificateTimingTest {
    private static final int WARM_UP = 500;
    private static final int MEASURED = 200;

    @TempDir
    Path dir;

    @Test
    void mintingALeafUnderTheOwnP256Root() {
        CertificateAuthorities.init(dir.resolve("own"));
        CertificateAuthority authority = CertificateAuthorities.locate(Optional.of(dir.resolve("own")), Map.of());
        report("mint, own P-256 root", mintTimes(authority));
    }

    @Test
    void mintingALeafUnderAnMkcertRsa3072Root() throws Exception {
        KeyPair rsa = TestCas.rsa(3072); // what mkcert generates
        TestCas.write(dir.resolve("mkcert"), rsa, TestCas.root(rsa, "mkcert", true), KeyFormat.PKCS8);
        CertificateAuthority authority = CertificateAuthorities.locate(Optional.of(dir.resolve("mkcert")), Map.of());
        report("mint, mkcert RSA-3072 root", mintTimes(authority));
    }

    @Test
    void creatingTheOwnCa() {
        long[] times = new long[50];
        for (int i = 0; i < times.length; i++) {
            Path target = dir.resolve("init-" + i);
            long started = System.nanoTime();
            assertThat(CertificateAuthorities.init(target).created()).isTrue();
            times[i] = System.nanoTime() - started;
        }
        System.out.printf("ca init: first %.2f ms, then median %.2f ms over %d runs%n",
                times[0] / 1e6, median(Arrays.copyOfRange(times, 1, times.length)) / 1e6, times.length - 1);
    }

    private static long[] mintTimes(CertificateAuthority authority) {
        for (int i = 0; i < WARM_UP; i++) authority.identityFor(new ServiceName("warm-up-" + i));
        long[] times = new long[MEASURED];
        for (int i = 0; i < MEASURED; i++) {
            ServiceName name = new ServiceName("name-" + i); // a new name each time: every call mints
            long started = System.nanoTime();
            authority.identityFor(name);
            times[i] = System.nanoTime() - started;
        }
        long[] cached = new long[10_000];
        for (int i = 0; i < cached.length; i++) {
            ServiceName name = new ServiceName("name-" + (i % MEASURED));
            long started = System.nanoTime();
            authority.identityFor(name);
            cached[i] = System.nanoTime() - started;
        }
        System.out.printf("cached lookup: median %.2f µs over %d calls%n", median(cached) / 1e3, cached.length);
        return times;
    }

    private static void report(String what, long[] times) {
        long[] sorted = times.clone();
        Arrays.sort(sorted);
        System.out.printf("%s: median %.3f ms, p90 %.3f ms, max %.3f ms over %d names (after %d warm-up)%n", what,
                median(times) / 1e6, sorted[(int) (sorted.length * 0.9)] / 1e6, sorted[sorted.length - 1] / 1e6,
                times.length, WARM_UP);
    }

    private static double median(long[] times) {
        long[] sorted = times.clone();
        Arrays.sort(sorted);
        int middle = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2.0;
    }
}
