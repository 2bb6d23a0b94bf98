package dev.localhome.bench.jmh;

import dev.localhome.adapters.discovery.Discoveries;
import dev.localhome.domain.Listener;
import dev.localhome.domain.port.ServiceDiscovery;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
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
 * One full discovery scan of this machine's {@code /proc}, as the daemon runs it every poll: as the machine is, and
 * with extra idle processes (each with a {@code NAME}, none listening) to show how the scan grows with the process
 * count. {@link #scan} is the daemon's steady state: the same discovery object scan after scan, which skips the walk
 * over every process's fds while the listening sockets and their owners stay the same; {@link #scanAfterAChange}
 * is a scan that must walk them all (a fresh discovery object, as after a listener appeared).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class DiscoveryScanBenchmark {
    // every child ends by itself even if the tear-down never runs (a killed JVM)
    private static final String IDLE_SECONDS = "600";

    @Param({"0", "50"})
    public int extraIdleProcesses;

    private ServiceDiscovery discovery;
    private final List<Process> idle = new ArrayList<>();

    @Setup(Level.Trial)
    public void startIdleProcesses() throws IOException {
        if (!System.getProperty("os.name", "").toLowerCase().startsWith("linux")) {
            throw new IllegalStateException("the discovery scan benchmark reads /proc: Linux only");
        }
        discovery = Discoveries.forThisPlatform();
        for (int i = 0; i < extraIdleProcesses; i++) {
            ProcessBuilder sleep = new ProcessBuilder("sleep", IDLE_SECONDS).redirectErrorStream(true);
            sleep.environment().put("NAME", "idle-" + i);
            idle.add(sleep.start());
        }
        List<Listener> found = discovery.scan();
        System.out.printf("%n%s: %d processes under /proc, %d named listeners found%n", discovery,
                ProcessHandle.allProcesses().count(), found.size());
    }

    /** By PID, the ones started here only. */
    @TearDown(Level.Trial)
    public void stopIdleProcesses() throws InterruptedException {
        for (Process process : idle) process.destroy();
        for (Process process : idle) {
            if (!process.waitFor(5, TimeUnit.SECONDS)) process.destroyForcibly();
        }
        idle.clear();
    }

    @Benchmark
    public List<Listener> scan() throws IOException {
        return discovery.scan();
    }

    @Benchmark
    public List<Listener> scanAfterAChange() throws IOException {
        return Discoveries.forThisPlatform().scan();
    }
}
