package dev.localhome.bench.loadgen;

/** A command line that cannot run; the message says what to change. */
final class BadArguments extends Exception {
    BadArguments(String message) {
        super(message);
    }
}
