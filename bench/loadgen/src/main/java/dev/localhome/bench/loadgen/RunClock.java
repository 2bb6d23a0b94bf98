package dev.localhome.bench.loadgen;

import java.util.concurrent.atomic.AtomicLong;

/** When a run records, when it ends, and how many requests it may still start; shared by every event loop. */
final class RunClock {
    private final long recordFrom;
    private final long deadline;
    private final AtomicLong budget; // null: no --count
    private final AtomicLong openings; // null: no --tunnels

    RunClock(long startNanos, Options options) {
        recordFrom = startNanos + options.warmup().toNanos();
        deadline = recordFrom + options.duration().toNanos();
        budget = options.count() > 0 ? new AtomicLong(options.count()) : null;
        openings = options.tunnels() > 0 ? new AtomicLong(options.tunnels()) : null;
    }

    long recordFrom() {
        return recordFrom;
    }

    boolean recording(long startedNanos) {
        return startedNanos - recordFrom >= 0;
    }

    boolean over(long now) {
        return now - deadline >= 0 || (budget != null && recording(now) && budget.get() <= 0);
    }

    /** Takes one connection from the {@code --tunnels} budget; false when all of them have been opened. */
    boolean tryOpen() {
        return openings == null || openings.getAndDecrement() > 0;
    }

    /** Takes one request from the budget; false when the run is over. Warm-up requests are free. */
    boolean tryStart(long now) {
        if (now - deadline >= 0) return false;
        if (budget == null || !recording(now)) return true;
        return budget.getAndDecrement() > 0;
    }

    /** A connection that failed before its first request uses one attempt, so a --count run always ends. */
    void failedSetup(long now) {
        if (budget != null && recording(now)) budget.decrementAndGet();
    }
}
