package dev.localhome.adapters.netty.inbound;

import io.netty.util.concurrent.EventExecutor;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gives the heap back once traffic stops. The serial collector (jvm.options) shrinks the heap only in a full
 * collection, and a quiet daemon has none: the heap a page load grew stays resident all day beside the IDE. So once a
 * whole {@code quiet} period has passed without a request, a connection or an h2 stream, this runs one full
 * collection, which compacts the heap and hands the part above {@code MaxHeapFreeRatio} back to the system; the
 * JVM's periodic native-heap trim (also jvm.options) then returns the freed C heap. BENCHMARKS.md, memory.
 *
 * <p>A busy daemon never pays it: a request only reads one field (and writes it once per period), and the timer,
 * armed by the first activity, re-arms itself while activity goes on. After the collection nothing runs until the
 * next request: an idle daemon has no timer at all.
 *
 * <p>One per process, since the heap is: {@link #install} by the listener, {@link #activity} from the handlers that
 * see requests; before {@link #install} (unit tests), {@link #activity} does nothing.
 */
public final class QuietReclaim {
    private static final Logger log = LoggerFactory.getLogger(QuietReclaim.class);
    private static volatile QuietReclaim installed;

    private final EventExecutor timer;
    private final long quietNanos;
    private final Runnable reclaim;
    /** Whether anything happened since the timer last looked. Read by every request, written once per period. */
    private volatile boolean recent;
    private final AtomicBoolean armed = new AtomicBoolean();
    private volatile boolean stopped;

    QuietReclaim(EventExecutor timer, Duration quiet, Runnable reclaim) {
        this.timer = Objects.requireNonNull(timer, "timer");
        this.quietNanos = quiet.toNanos();
        this.reclaim = Objects.requireNonNull(reclaim, "reclaim");
        if (quietNanos <= 0) throw new IllegalArgumentException("a quiet period must be positive: " + quiet);
    }

    /**
     * From now on, a full collection after every {@code quiet} period without activity, timed on {@code timer} (an
     * event loop: no thread of its own). Counts as activity itself: start-up's garbage goes in the first one.
     */
    public static void install(EventExecutor timer, Duration quiet) {
        QuietReclaim reclaim = new QuietReclaim(timer, quiet, QuietReclaim::collect);
        QuietReclaim previous = installed;
        installed = reclaim;
        if (previous != null) previous.stop(); // another listener in the same process (tests): the last one times
        reclaim.touch();
    }

    /** Stops timing (the daemon stops): a timer still armed fires once more, finds itself replaced and ends. */
    public static void uninstall() {
        QuietReclaim last = installed;
        installed = null;
        if (last != null) last.stop();
    }

    void stop() {
        stopped = true;
    }

    /** A request, a connection or a stream began: the daemon is not quiet. Cheap enough for every request. */
    public static void activity() {
        QuietReclaim now = installed;
        if (now != null) now.touch();
    }

    void touch() {
        if (recent) return; // the common case under traffic: a read, no write
        recent = true;
        if (armed.compareAndSet(false, true)) schedule(quietNanos);
    }

    private void schedule(long nanos) {
        timer.schedule(this::look, nanos, TimeUnit.NANOSECONDS);
    }

    /** The timer: activity in the last period means look again after the next; none means collect, and stop. */
    private void look() {
        if (stopped) return;
        if (recent) {
            recent = false;
            schedule(quietNanos);
            return;
        }
        armed.set(false);
        // an activity() between the read above and this point saw the timer armed and did not arm it: look again
        if (recent && armed.compareAndSet(false, true)) {
            schedule(quietNanos);
            return;
        }
        reclaim.run();
    }

    private static void collect() {
        long before = usedHeap();
        long started = System.nanoTime();
        System.gc(); // a full, compacting collection with the serial collector; it shrinks the heap it leaves free
        log.debug("quiet for a while: heap {} KiB -> {} KiB in {} ms", before / 1024, usedHeap() / 1024,
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
    }

    private static long usedHeap() {
        Runtime runtime = Runtime.getRuntime();
        return runtime.totalMemory() - runtime.freeMemory();
    }
}
