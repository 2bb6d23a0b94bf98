package dev.localhome.adapters.netty.testing;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Predicate;

/**
 * The one bounded wait of these tests: polls until a condition holds, and fails naming what it waited for (and what
 * it saw last) once the bound passes. A test awaits the thing it asserts; it never sleeps a fixed time before it.
 */
public final class Await {
    private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(5);

    private Await() {}

    /** What is polled; it may throw, which ends the wait at once. */
    @FunctionalInterface
    public interface Probe<T> {
        T get() throws Exception;
    }

    /** Polls {@code probe} until its value passes {@code done}, for at most {@code bound}; returns that value. */
    public static <T> T until(String what, Duration bound, Probe<T> probe, Predicate<? super T> done) throws Exception {
        long deadline = System.nanoTime() + bound.toNanos();
        while (true) {
            T seen = probe.get();
            if (done.test(seen)) return seen;
            if (System.nanoTime() - deadline > 0)
                throw new AssertionError("waited " + bound.toMillis() + " ms until " + what + "; last seen: " + seen);
            LockSupport.parkNanos(POLL_NANOS);
        }
    }

    /** Polls {@code condition} until it holds, for at most {@code bound}; fails naming {@code what} otherwise. */
    public static void until(String what, Duration bound, Probe<Boolean> condition) throws Exception {
        until(what, bound, condition, Boolean::booleanValue);
    }

    /** Polls {@code condition} until it holds, for at most {@code bound}; returns whether it did (no failure). */
    public static boolean within(Duration bound, Probe<Boolean> condition) throws Exception {
        long deadline = System.nanoTime() + bound.toNanos();
        while (!condition.get()) {
            if (System.nanoTime() - deadline > 0) return false;
            LockSupport.parkNanos(POLL_NANOS);
        }
        return true;
    }
}
