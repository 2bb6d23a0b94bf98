package dev.localhome.domain.inspect;

/**
 * Where an exchange is: still open (waiting for its answer, streaming it, or a WebSocket in use), or done. Times are
 * nanoseconds since the request head arrived; {@link #UNKNOWN} while not known (no response head yet, or never).
 */
public sealed interface ExchangeState {
    long UNKNOWN = -1;

    /** The response's status: {@code 0} while no response head has been seen. */
    int status();

    /** Nanoseconds from the request head to the response head, or {@link #UNKNOWN}. */
    long firstByteNanos();

    /** Not finished: a {@code 0} status until the response head, {@code 101} for a WebSocket in use. */
    record Open(int status, long firstByteNanos) implements ExchangeState {
        public static final Open STARTED = new Open(0, UNKNOWN);
    }

    /**
     * Finished: the response ended, the WebSocket closed, or the client left (then the status may be {@code 0}).
     *
     * @param totalNanos from the request head to the end of the response (or of the WebSocket)
     */
    record Done(int status, long firstByteNanos, long totalNanos) implements ExchangeState {
        public Done {
            if (totalNanos < 0) throw new IllegalArgumentException("negative duration: " + totalNanos);
        }
    }
}
