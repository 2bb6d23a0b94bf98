package dev.localhome.bench.loadgen;

import io.netty.channel.Channel;
import io.netty.channel.EventLoop;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One of the run's {@code --concurrency} places for a connection, on one event loop: it keeps a connection open,
 * replaces it when it fails or finishes, and stops when the run is over. Everything happens on its loop, so nothing
 * here needs a lock; one periodic check fails a set-up or request older than the timeout.
 */
final class Slot {
    private static final long CONNECT_FAILURE_PAUSE_NANOS = TimeUnit.MILLISECONDS.toNanos(10);
    private final EventLoop loop;
    private final Connector connector;
    private final RunClock clock;
    private final LoopStats stats;
    private final long timeoutNanos;
    private final CompletableFuture<Void> done = new CompletableFuture<>();
    private ScheduledFuture<?> timeoutCheck;
    private Attempt current;

    Slot(EventLoop loop, Connector connector, RunClock clock, LoopStats stats, long timeoutNanos) {
        this.loop = loop;
        this.connector = connector;
        this.clock = clock;
        this.stats = stats;
        this.timeoutNanos = timeoutNanos;
    }

    /** Starts the slot; the future completes on the slot's loop once its last connection is closed. */
    CompletableFuture<Void> start() {
        loop.execute(() -> {
            long period = Math.max(TimeUnit.MILLISECONDS.toNanos(10), Math.min(timeoutNanos / 10, TimeUnit.MILLISECONDS.toNanos(250)));
            timeoutCheck = loop.scheduleAtFixedRate(this::checkTimeouts, period, period, TimeUnit.NANOSECONDS);
            open();
        });
        return done;
    }

    private void open() {
        if (clock.over(System.nanoTime()) || !clock.tryOpen()) {
            current = null;
            timeoutCheck.cancel(false);
            done.complete(null);
            return;
        }
        Attempt attempt = new Attempt(System.nanoTime());
        current = attempt;
        attempt.channel = connector.open(loop, attempt);
    }

    private void checkTimeouts() {
        Attempt attempt = current;
        if (attempt == null) return;
        long since = attempt.exchanges == null ? attempt.setupStarted : attempt.exchanges.oldestPendingSince();
        if (since != ConnectionEvents.Exchanges.NONE && System.nanoTime() - since > timeoutNanos) {
            String what = attempt.exchanges == null ? "connection set-up" : "response";
            attempt.failed(ErrorKind.TIMEOUT, new TimeoutException("no " + what + " within " + timeoutNanos / 1_000_000 + " ms"), since);
        }
    }

    /** One connection of this slot; its events count only while it is the slot's current one. */
    private final class Attempt implements ConnectionEvents {
        final long setupStarted;
        Channel channel;
        Exchanges exchanges;

        Attempt(long setupStarted) {
            this.setupStarted = setupStarted;
        }

        @Override
        public void ready(Channel channel, Exchanges exchanges, SetupTimes times) {
            if (current != this) {
                channel.close();
                return;
            }
            this.exchanges = exchanges;
            if (clock.recording(times.started)) stats.connection(times.total());
            exchanges.begin();
        }

        @Override
        public boolean mayStartRequest() {
            return clock.tryStart(System.nanoTime());
        }

        @Override
        public void responded(long startedNanos, long endedNanos) {
            if (current == this && clock.recording(startedNanos)) stats.request(endedNanos - startedNanos);
        }

        @Override
        public void failed(ErrorKind kind, Throwable cause, long startedNanos) {
            if (current != this) return;
            current = null;
            long now = System.nanoTime();
            if (clock.recording(startedNanos)) stats.error(kind, String.valueOf(cause), now - startedNanos);
            if (exchanges == null) clock.failedSetup(now);
            if (channel != null) channel.close();
            if (exchanges == null && (kind == ErrorKind.CONNECT || kind == ErrorKind.TLS)) {
                // a refused or misconfigured server fails at once: do not spin on it
                loop.schedule(Slot.this::open, CONNECT_FAILURE_PAUSE_NANOS, TimeUnit.NANOSECONDS);
            } else {
                open();
            }
        }

        @Override
        public void finished() {
            if (current != this) return;
            current = null;
            channel.close();
            open();
        }
    }
}
