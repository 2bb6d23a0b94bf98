package dev.localhome.adapters.netty.inspect;

import dev.localhome.adapters.netty.relay.RelayHandler;
import dev.localhome.application.port.RequestJournal;
import dev.localhome.domain.inspect.AnsweredBy;
import dev.localhome.domain.inspect.Exchange;
import dev.localhome.domain.inspect.ExchangeProtocol;
import dev.localhome.domain.inspect.ExchangeState;
import dev.localhome.domain.inspect.Header;
import dev.localhome.domain.routing.Arrival;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.OptionalInt;

/**
 * One forwarded exchange as the inspector records it, kept by its {@code ForwardExchange}: counters and times as
 * plain fields (every call comes from the client's event loop, which the backend shares), and a snapshot for the
 * {@link RequestJournal} when the exchange starts, when a WebSocket opens and when it is done. An exchange that opens a
 * backend stream ({@code text/event-stream}) is also shown at its response head: it may stay open for hours.
 *
 * <p>{@link #OFF} stands in when the inspector is off: every method returns at once, so forwarding needs no branch.
 */
public final class ExchangeRecord {
    /** The record of nothing, for an inspector that is off. */
    public static final ExchangeRecord OFF = new ExchangeRecord();

    private final RequestJournal log; // null only for OFF
    private final long startNanos;
    private final boolean websocketAsked;
    private Exchange shown;
    private long place;
    private long firstByteNanos = ExchangeState.UNKNOWN;
    private int status;
    private long bytesIn;
    private long bytesOut;
    private List<Header> responseHeaders = List.of();
    private WebSocketFrames toBackend;
    private WebSocketFrames toClient;

    private ExchangeRecord() {
        log = null;
        startNanos = 0;
        websocketAsked = false;
    }

    private ExchangeRecord(RequestJournal log, long startNanos, Exchange started, boolean websocketAsked) {
        this.log = log;
        this.startNanos = startNanos;
        this.websocketAsked = websocketAsked;
        this.shown = started;
        this.place = log.append(started);
    }

    /**
     * Starts recording a request on its way to {@code service}'s backend.
     *
     * @param startNanos {@link System#nanoTime} when its head arrived
     * @param target     the target in origin form, as the backend gets it
     */
    public static ExchangeRecord forward(RequestJournal log, long startNanos, String service, HttpRequest request,
                                         String target, Arrival arrival, boolean http2) {
        if (!log.recording()) return OFF;
        boolean websocket = HttpHeaderValues.WEBSOCKET.contentEqualsIgnoreCase(request.headers().get(HttpHeaderNames.UPGRADE));
        Exchange started = Exchange.started(log.nextId(), service, Instant.now(), request.method().name(),
                log.recorded(target),
                RecordedRequest.pathOf(arrival, request.uri()), http2 ? ExchangeProtocol.HTTP2 : ExchangeProtocol.HTTP1,
                RecordedRequest.headersOf(log, request.headers()));
        return new ExchangeRecord(log, startNanos, started, websocket);
    }

    /** Records a request localhome answered itself ({@code 404}, {@code 302}, {@code 421}, ...): done at once. */
    public static void answeredLocally(RequestJournal log, long startNanos, String service, HttpRequest request,
                                       Arrival arrival, boolean http2, FullHttpResponse response) {
        if (!log.recording()) return;
        long took = System.nanoTime() - startNanos;
        Exchange done = new Exchange(log.nextId(), service, Instant.now(), request.method().name(),
                log.recorded(RecordedRequest.originForm(request.uri())), RecordedRequest.pathOf(arrival, request.uri()),
                http2 ? ExchangeProtocol.HTTP2 : ExchangeProtocol.HTTP1, AnsweredBy.LOCALHOME,
                new ExchangeState.Done(response.status().code(), took, took), 0, response.content().readableBytes(),
                RecordedRequest.headersOf(log, request.headers()), RecordedRequest.headersOf(log, response.headers()));
        log.append(done);
    }

    public void requestBody(int bytes) {
        if (log != null) bytesIn += bytes; // OFF is shared by every event loop: never written
    }

    /** A response head from the backend: its first one is the first byte; the last one's status counts. */
    public void responseHead(HttpResponse response) {
        if (log == null) return;
        if (firstByteNanos == ExchangeState.UNKNOWN) firstByteNanos = System.nanoTime() - startNanos;
        status = response.status().code();
        if (log.recordsHeaders()) responseHeaders = RecordedRequest.headersOf(log, response.headers());
        String type = response.headers().get(HttpHeaderNames.CONTENT_TYPE);
        if (type != null && type.startsWith("text/event-stream"))
            show(shown.protocol(), AnsweredBy.BACKEND, new ExchangeState.Open(status, firstByteNanos));
    }

    public void responseBody(int bytes) {
        if (log != null) bytesOut += bytes;
    }

    /** The response ended, or the client left before it did (then the status may be 0). */
    public void ended() {
        if (log == null || !shown.isOpen()) return;
        show(shown.protocol(), shown.answeredBy(), done());
    }

    /** The backend could not be reached or failed: localhome answered {@code response} ({@code 502}) itself. */
    public void answeredByLocalhome(FullHttpResponse response) {
        if (log == null || !shown.isOpen()) return;
        status = response.status().code();
        bytesOut = response.content().readableBytes();
        if (log.recordsHeaders()) responseHeaders = RecordedRequest.headersOf(log, response.headers());
        show(shown.protocol(), AnsweredBy.LOCALHOME, done());
    }

    /**
     * After the {@code 101}: the relay's taps count from here, and the exchange is done when the client's channel
     * (a socket, or an h2 stream) closes.
     */
    public void switched(Channel client) {
        if (log == null) return;
        toBackend = new WebSocketFrames(websocketAsked);
        toClient = new WebSocketFrames(websocketAsked);
        show(protocolNow(false), AnsweredBy.BACKEND, new ExchangeState.Open(status, firstByteNanos));
        client.closeFuture().addListener((ChannelFutureListener) closed -> {
            bytesIn = toBackend.bytes();
            bytesOut = toClient.bytes();
            show(protocolNow(true), AnsweredBy.BACKEND, done());
        });
    }

    /** What the relay passes client to backend: counted, never changed. */
    public RelayHandler.Tap towardBackend() {
        return toBackend == null ? RelayHandler.Tap.NONE : toBackend;
    }

    /** What the relay passes backend to client. */
    public RelayHandler.Tap towardClient() {
        return toClient == null ? RelayHandler.Tap.NONE : toClient;
    }

    private ExchangeProtocol protocolNow(boolean closed) {
        if (!websocketAsked) return shown.protocol();
        int code = toBackend.closeCode() != 0 ? toBackend.closeCode() : toClient.closeCode();
        OptionalInt closeCode = code != 0 ? OptionalInt.of(code)
                : closed ? OptionalInt.of(ExchangeProtocol.WebSocket.ABNORMAL) : OptionalInt.empty();
        return new ExchangeProtocol.WebSocket(toBackend.messages(), toClient.messages(), closeCode);
    }

    private ExchangeState.Done done() {
        return new ExchangeState.Done(status, firstByteNanos, System.nanoTime() - startNanos);
    }

    private void show(ExchangeProtocol protocol, AnsweredBy by, ExchangeState state) {
        Exchange next = shown.with(protocol, by, state, bytesIn, bytesOut, responseHeaders);
        log.replace(place, shown, next);
        shown = next;
    }
}
