package dev.localhome.bench.loadgen;

/** What the connections of one event loop measured; only that loop's thread writes it, the main thread merges. */
final class LoopStats {
    static final long STALL_NANOS = 1_000_000_000L;

    final LatencyHistogram latency = new LatencyHistogram();
    final LatencyHistogram setup = new LatencyHistogram();
    final long[] errors = new long[ErrorKind.values().length];
    /** The first message of each kind, to show what went wrong. */
    final String[] firstErrors = new String[ErrorKind.values().length];
    long requests;
    long connections;
    long stalls;

    void request(long nanos) {
        requests++;
        latency.recordNanos(nanos);
        if (nanos > STALL_NANOS) stalls++;
    }

    void connection(long setupNanos) {
        connections++;
        setup.recordNanos(setupNanos);
        if (setupNanos > STALL_NANOS) stalls++;
    }

    /** An error; {@code nanos} is how long the request or set-up had been going, a stall when over 1 s. */
    void error(ErrorKind kind, String message, long nanos) {
        errors[kind.ordinal()]++;
        if (firstErrors[kind.ordinal()] == null) firstErrors[kind.ordinal()] = message;
        if (nanos > STALL_NANOS) stalls++;
    }

    void add(LoopStats other) {
        latency.add(other.latency);
        setup.add(other.setup);
        for (int i = 0; i < errors.length; i++) {
            errors[i] += other.errors[i];
            if (firstErrors[i] == null) firstErrors[i] = other.firstErrors[i];
        }
        requests += other.requests;
        connections += other.connections;
        stalls += other.stalls;
    }
}
