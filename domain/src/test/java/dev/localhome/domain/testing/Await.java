package dev.localhome.domain.testing;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The one bounded wait of the tests: asks a probe every {@link #POLL} until it answers, and fails with the caller's
 * description of what it saw once {@code bound} has passed. The pause paces the probe; it never stands in for an
 * assertion, which is always made on what the probe saw. Shared through domain's test jar.
 */
public final class Await {
    /** Time between two probes. */
    public static final Duration POLL = Duration.ofMillis(50);

    /** One look at the state waited for: empty while it is not there yet. A probe that throws fails the wait. */
    @FunctionalInterface
    public interface Probe<T> {
        Optional<T> look() throws Exception;
    }

    /** Whether the state waited for is there. */
    @FunctionalInterface
    public interface Condition {
        boolean holds() throws Exception;
    }

    private Await() {}

    /**
     * The first value {@code probe} yields within {@code bound}.
     *
     * @param whyNot what to fail with when none came: asked once, at the end, so it may describe the last state seen
     */
    public static <T> T value(Duration bound, Probe<T> probe, Supplier<String> whyNot) {
        long deadline = System.nanoTime() + bound.toNanos();
        while (true) {
            Optional<T> answer = look(probe);
            if (answer.isPresent()) return answer.get();
            if (System.nanoTime() - deadline >= 0) throw new AssertionError(whyNot.get() + " (waited " + bound + ")");
            pause();
        }
    }

    /** Returns once {@code condition} holds, within {@code bound}; fails with {@code whyNot} otherwise. */
    public static void until(Duration bound, Condition condition, Supplier<String> whyNot) {
        value(bound, () -> condition.holds() ? Optional.of(Boolean.TRUE) : Optional.empty(), whyNot);
    }

    private static <T> Optional<T> look(Probe<T> probe) {
        try {
            return probe.look();
        } catch (RuntimeException e) {
            throw e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting", e);
        } catch (Exception e) {
            throw new AssertionError("the probe failed: " + e, e);
        }
    }

    private static void pause() {
        try {
            Thread.sleep(POLL.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting", e);
        }
    }
}
