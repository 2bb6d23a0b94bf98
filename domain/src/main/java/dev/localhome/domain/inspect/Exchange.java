package dev.localhome.domain.inspect;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One request and its answer as the inspector records it: a snapshot, taken when the exchange starts, when a
 * WebSocket opens and when it is done; a later snapshot of the same exchange has the same {@code id}. No bodies.
 *
 * @param id              unique for the daemon's lifetime, increasing in order of arrival
 * @param service         the name the request asked for (a running service, or an unknown name localhome answered)
 * @param target          the request target in origin form, query kept, cut at {@link #MAX_TARGET} characters
 * @param bytesIn         body bytes client to backend so far (for a WebSocket: the bytes after the {@code 101})
 * @param bytesOut        body bytes backend (or localhome) to client so far
 * @param requestHeaders  empty unless header recording is on; credentials redacted ({@link Header#recorded})
 * @param responseHeaders the same, for the response
 */
public record Exchange(long id, String service, Instant startedAt, String method, String target, ArrivalPath arrival,
                       ExchangeProtocol protocol, AnsweredBy answeredBy, ExchangeState state, long bytesIn,
                       long bytesOut, List<Header> requestHeaders, List<Header> responseHeaders) {
    /** Longer targets are cut: enough for any real path and query, bounded for a record of a thousand. */
    public static final int MAX_TARGET = 2_000;

    public Exchange {
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(startedAt, "startedAt");
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(arrival, "arrival");
        Objects.requireNonNull(protocol, "protocol");
        Objects.requireNonNull(answeredBy, "answeredBy");
        Objects.requireNonNull(state, "state");
        if (target.length() > MAX_TARGET) target = target.substring(0, MAX_TARGET);
        requestHeaders = List.copyOf(requestHeaders);
        responseHeaders = List.copyOf(responseHeaders);
    }

    /** A request that has just arrived: open, no answer yet, no bytes. */
    public static Exchange started(long id, String service, Instant startedAt, String method, String target,
                                   ArrivalPath arrival, ExchangeProtocol protocol, List<Header> requestHeaders) {
        return new Exchange(id, service, startedAt, method, target, arrival, protocol, AnsweredBy.BACKEND,
                ExchangeState.Open.STARTED, 0, 0, requestHeaders, List.of());
    }

    /**
     * Roughly what this snapshot holds on the heap: the record, its {@code Instant}, the target and service strings
     * (~200 bytes with their headers) and the recorded header fields. For the inspector's bound in bytes.
     */
    public long estimatedBytes() {
        long bytes = 200L + target.length() + service.length();
        for (Header header : requestHeaders) bytes += header.estimatedBytes();
        for (Header header : responseHeaders) bytes += header.estimatedBytes();
        return bytes;
    }

    public boolean isOpen() {
        return state instanceof ExchangeState.Open;
    }

    /** This exchange, later: in another state, with the bytes counted so far. */
    public Exchange with(ExchangeProtocol newProtocol, AnsweredBy by, ExchangeState newState, long in, long out,
                         List<Header> newResponseHeaders) {
        return new Exchange(id, service, startedAt, method, target, arrival, newProtocol, by, newState, in, out,
                requestHeaders, newResponseHeaders);
    }
}
