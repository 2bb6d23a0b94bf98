package dev.localhome.adapters.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.localhome.domain.port.ServiceDiscovery;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/**
 * Times real procfs scans on this machine. Off by default (a figure, not a check); run with
 * {@code mvn -o verify -pl adapters-discovery -Dbenchmark=true -Dtest=ProcFsScanBenchmarkTest
 * -Dsurefire.failIfNoSpecifiedTests=false}. The result goes to target/procfs-scan-benchmark.txt.
 */
@EnabledOnOs(OS.LINUX)
@EnabledIfSystemProperty(named = "benchmark", matches = "true")
class ProcFsScanBenchmarkTest {
    private static final int WARMUP = 20;
    private static final int RUNS = 50;

    @Test
    void fiftyScansOfTheRealProc() throws IOException {
        ServiceDiscovery discovery = Discoveries.procFs(Path.of("/proc"));
        for (int i = 0; i < WARMUP; i++) discovery.scan();

        long[] nanos = new long[RUNS];
        int listeners = 0;
        for (int i = 0; i < RUNS; i++) {
            long start = System.nanoTime();
            listeners = discovery.scan().size();
            nanos[i] = System.nanoTime() - start;
        }
        Arrays.sort(nanos);

        long processes;
        try (var entries = Files.list(Path.of("/proc"))) {
            processes = entries.filter(p -> p.getFileName().toString().matches("\\d+")).count();
        }
        String report = "procfs scan over %d processes, %d named listeners: median %.3f ms, p90 %.3f ms, min %.3f ms, max %.3f ms (%d runs after %d warm-up)%n"
                .formatted(processes, listeners, ms(nanos[RUNS / 2]), ms(nanos[RUNS * 9 / 10]), ms(nanos[0]),
                        ms(nanos[RUNS - 1]), RUNS, WARMUP);
        try (PrintStream out = new PrintStream(Files.newOutputStream(Path.of("target", "procfs-scan-benchmark.txt")))) {
            out.print(report);
        }
        System.out.print(report);
        assertThat(nanos[RUNS / 2]).isPositive();
    }

    private static double ms(long nanos) {
        return nanos / 1_000_000.0;
    }
}
