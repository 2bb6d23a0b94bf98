package dev.localhome.bench.loadgen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class LatencyHistogramTest {
    @Test
    void percentilesAreWithinTwoPercentOfTheTrueValue() {
        LatencyHistogram histogram = new LatencyHistogram();
        for (long micros = 1; micros <= 100_000; micros++) histogram.recordNanos(micros * 1000);
        assertThat(histogram.count()).isEqualTo(100_000);
        assertThat(histogram.percentileMillis(0.50)).isCloseTo(50.0, within(1.0));
        assertThat(histogram.percentileMillis(0.99)).isCloseTo(99.0, within(2.0));
        assertThat(histogram.maxMillis()).isEqualTo(100.0);
        assertThat(histogram.percentileMillis(1.0)).isEqualTo(100.0);
    }

    @Test
    void everyBucketHoldsTheValuesThatMapToIt() {
        for (long micros = 0; micros < 5_000_000; micros += 7) {
            int index = LatencyHistogram.index(micros);
            boolean inside = LatencyHistogram.highestIn(index) >= micros
                    && (index == 0 || LatencyHistogram.highestIn(index - 1) < micros);
            if (!inside) assertThat(index).as("bucket of %d µs", micros).isNegative(); // fails, saying where
        }
    }

    @Test
    void mergedHistogramsCountBoth() {
        LatencyHistogram a = new LatencyHistogram();
        LatencyHistogram b = new LatencyHistogram();
        a.recordNanos(1_000_000);
        b.recordNanos(3_000_000_000L);
        a.add(b);
        assertThat(a.count()).isEqualTo(2);
        assertThat(a.maxMillis()).isEqualTo(3000.0);
    }
}
