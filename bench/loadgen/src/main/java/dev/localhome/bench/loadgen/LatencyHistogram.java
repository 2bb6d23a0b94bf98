package dev.localhome.bench.loadgen;

/**
 * Durations in microseconds, log-linear buckets: exact below 128 µs, then 64 buckets per power of two (under 1.6 %
 * error) up to 2^32 µs (71 min). About 14 KiB, so one per event loop, not one per connection. Not thread-safe.
 */
final class LatencyHistogram {
    private static final int SUB_BITS = 6;
    private static final int SUB = 1 << SUB_BITS;
    private static final int MAX_SHIFT = 32 - SUB_BITS;
    private static final long MAX_MICROS = (1L << 32) - 1;

    private final long[] buckets = new long[2 * SUB + MAX_SHIFT * SUB];
    private long count;
    private long maxMicros;

    void recordNanos(long nanos) {
        long micros = Math.min(Math.max(nanos / 1000, 0), MAX_MICROS);
        buckets[index(micros)]++;
        count++;
        maxMicros = Math.max(maxMicros, micros);
    }

    void add(LatencyHistogram other) {
        for (int i = 0; i < buckets.length; i++) buckets[i] += other.buckets[i];
        count += other.count;
        maxMicros = Math.max(maxMicros, other.maxMicros);
    }

    long count() {
        return count;
    }

    double maxMillis() {
        return maxMicros / 1000.0;
    }

    /** The value at {@code quantile} (0..1), in ms: the top of its bucket, never above the largest value seen. */
    double percentileMillis(double quantile) {
        if (count == 0) return 0;
        long rank = Math.max(1, (long) Math.ceil(quantile * count));
        long seen = 0;
        for (int i = 0; i < buckets.length; i++) {
            seen += buckets[i];
            if (seen >= rank) return Math.min(highestIn(i), maxMicros) / 1000.0;
        }
        return maxMillis();
    }

    static int index(long micros) {
        if (micros < 2 * SUB) return (int) micros;
        int shift = 63 - Long.numberOfLeadingZeros(micros) - SUB_BITS; // micros >> shift is in [SUB, 2 * SUB)
        return 2 * SUB + (shift - 1) * SUB + (int) ((micros >> shift) - SUB);
    }

    static long highestIn(int index) {
        if (index < 2 * SUB) return index;
        int shift = (index - 2 * SUB) / SUB + 1;
        long top = SUB + (index - 2 * SUB) % SUB;
        return ((top + 1) << shift) - 1;
    }
}
