package dev.localhome.bench.jmh;

import dev.localhome.adapters.netty.NettyTransports;
import dev.localhome.domain.ServiceName;
import dev.localhome.domain.port.CertificateAuthority;
import dev.localhome.domain.port.TlsIdentity;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What a never-seen name costs before its first handshake: a leaf certificate signed by the root (P-256 from
 * {@code localhome ca init}, RSA-3072 from mkcert), and that leaf plus the per-name server {@code SslContext} the
 * proxy builds around it. Every call asks for a name the authority has not seen, so nothing comes from a cache.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class CertificateMintBenchmark {
    @Param({"LOCALHOME_P256", "MKCERT_RSA3072"})
    public Roots root;

    private Path directory;
    private CertificateAuthority authority;
    private long names;

    @Setup(Level.Trial)
    public void makeRoot() throws Exception {
        directory = Files.createTempDirectory("localhome-jmh-ca");
        root.writeTo(directory.resolve("ca"));
    }

    /** A fresh authority each iteration: its leaf cache would otherwise hold every name minted so far. */
    @Setup(Level.Iteration)
    public void loadAuthority() {
        authority = Roots.load(directory.resolve("ca"));
    }

    @TearDown(Level.Trial)
    public void deleteRoot() throws Exception {
        Roots.delete(directory);
    }

    @Benchmark
    public TlsIdentity mintLeaf() {
        return authority.identityFor(nextName());
    }

    /** Mint and context, on the calling thread: the proxy pays the same plus a hand-off to its signer pool. */
    @Benchmark
    public String mintLeafAndBuildTlsContext() {
        return NettyTransports.checkTls(authority, nextName());
    }

    private ServiceName nextName() {
        return new ServiceName("never-seen-" + names++);
    }
}
