package dev.localhome.bench.loadgen;

/** When each phase of one connection's set-up ended ({@link System#nanoTime()}); 0 for a phase the mode skips. */
final class SetupTimes {
    final long started;
    long tcpDone;
    long tunnelDone;
    long tlsDone;
    long ready;

    SetupTimes(long started) {
        this.started = started;
    }

    long total() {
        return ready - started;
    }

    double tcpMillis() {
        return (tcpDone - started) / 1e6;
    }

    double tunnelMillis() {
        return tunnelDone == 0 ? 0 : (tunnelDone - tcpDone) / 1e6;
    }

    double tlsMillis() {
        return tlsDone == 0 ? 0 : (tlsDone - (tunnelDone == 0 ? tcpDone : tunnelDone)) / 1e6;
    }
}
