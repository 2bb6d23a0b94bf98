package dev.localhome.bench.loadgen;

import io.netty.channel.Channel;

/** What one connection tells its owner, always on the connection's event loop. */
interface ConnectionEvents {
    /** Set-up is done; {@code exchanges} starts sending when asked. */
    void ready(Channel channel, Exchanges exchanges, SetupTimes times);

    /** Asked before every request: false when the run is over. */
    boolean mayStartRequest();

    /** A 2xx response arrived to its last byte. */
    void responded(long startedNanos, long endedNanos);

    /** The set-up or a request failed; the connection is done for. */
    void failed(ErrorKind kind, Throwable cause, long startedNanos);

    /** The connection is done without an error: its K requests are sent, the run is over, or the server closed it. */
    void finished();

    /** The requests in flight on one ready connection. */
    interface Exchanges {
        long NONE = Long.MIN_VALUE;

        void begin();

        /** When the oldest request still waiting for its response was written, or {@link #NONE}. */
        long oldestPendingSince();
    }
}
