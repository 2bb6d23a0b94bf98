package dev.localhome.adapters.netty.pages;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.localhome.domain.inspect.Exchange;
import dev.localhome.domain.inspect.ExchangeProtocol;
import dev.localhome.domain.inspect.ExchangeState;
import dev.localhome.domain.inspect.Header;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * The inspector's exchanges as JSON, in the shape of the shared contract (notes/inspector-contract.md): what
 * {@code /api/requests}, its stream, the dashboard, {@code localhome requests} and the MCP server read.
 */
final class RequestsJson {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** One exchange; {@code websocket} and the header lists only when there is something to show. */
    record ExchangeView(long id, String service, String startedAt, String method, String target, String protocol,
                        String arrival, String answeredBy, int status, String state, Double firstByteMs,
                        Double totalMs, long bytesIn, long bytesOut,
                        @JsonInclude(JsonInclude.Include.NON_NULL) WebSocketView websocket,
                        @JsonInclude(JsonInclude.Include.NON_NULL) List<List<String>> requestHeaders,
                        @JsonInclude(JsonInclude.Include.NON_NULL) List<List<String>> responseHeaders) {}

    /** {@code closeCode} is null while the socket is open. */
    record WebSocketView(long messagesIn, long messagesOut, Integer closeCode) {}

    private RequestsJson() {}

    static String list(List<Exchange> exchanges) {
        return write(exchanges.stream().map(RequestsJson::view).toList());
    }

    static String one(Exchange exchange) {
        return write(view(exchange));
    }

    static ExchangeView view(Exchange e) {
        ExchangeState state = e.state();
        Double total = state instanceof ExchangeState.Done done ? millis(done.totalNanos()) : null;
        WebSocketView websocket = e.protocol() instanceof ExchangeProtocol.WebSocket ws
                ? new WebSocketView(ws.messagesIn(), ws.messagesOut(),
                        ws.closeCode().isPresent() ? ws.closeCode().getAsInt() : null)
                : null;
        return new ExchangeView(e.id(), e.service(), e.startedAt().truncatedTo(ChronoUnit.MILLIS).toString(),
                e.method(), e.target(), e.protocol().wire(), e.arrival().wire(), e.answeredBy().wire(), state.status(),
                e.isOpen() ? "open" : "done",
                state.firstByteNanos() == ExchangeState.UNKNOWN ? null : millis(state.firstByteNanos()), total,
                e.bytesIn(), e.bytesOut(), websocket, headers(e.requestHeaders()), headers(e.responseHeaders()));
    }

    /** Milliseconds to two decimals: 1.25. */
    private static double millis(long nanos) {
        return Math.round(nanos / 10_000.0) / 100.0;
    }

    private static List<List<String>> headers(List<Header> headers) {
        return headers.isEmpty() ? null : headers.stream().map(h -> List.of(h.name(), h.value())).toList();
    }

    private static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON", e);
        }
    }
}
