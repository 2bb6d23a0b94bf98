package dev.localhome.bench.loadgen;

import io.netty.channel.ConnectTimeoutException;
import java.io.IOException;
import java.net.ConnectException;
import java.nio.channels.ClosedChannelException;
import java.util.Locale;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLException;

/** The kinds of error a run counts; each name is a key of the JSON's {@code errors} object. */
enum ErrorKind {
    CONNECT, RESET, CLOSED, TIMEOUT, BAD_STATUS, TLS;

    String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The kind of a failure that carries none: by exception type, looking through causes. */
    static ErrorKind of(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof LoadError e) return e.kind;
            if (t instanceof ConnectTimeoutException || t instanceof TimeoutException) return TIMEOUT;
            if (t instanceof ConnectException) return CONNECT;
            if (t instanceof SSLException) return TLS;
            if (t instanceof ClosedChannelException) return CLOSED;
        }
        // what is left is an IOException mid-exchange (ECONNRESET, EPIPE) or something stranger: both cut the exchange
        return RESET;
    }

    /** A failure of a known kind; no stack trace, these are counted, not debugged. */
    static final class LoadError extends IOException {
        final ErrorKind kind;

        LoadError(ErrorKind kind, String message) {
            super(message);
            this.kind = kind;
        }

        @Override
        public synchronized Throwable fillInStackTrace() {
            return this;
        }
    }
}
