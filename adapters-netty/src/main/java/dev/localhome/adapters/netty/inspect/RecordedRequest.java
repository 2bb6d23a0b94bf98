package dev.localhome.adapters.netty.inspect;

import dev.localhome.application.port.RequestJournal;
import dev.localhome.domain.inspect.ArrivalPath;
import dev.localhome.domain.inspect.Header;
import dev.localhome.domain.routing.Arrival;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** What the inspector keeps of a request as it arrived: the way it came, its path, its fields (bounded). */
final class RecordedRequest {
    /** All recorded fields of one head together, names and values: at most this many characters. */
    static final int MAX_HEADER_CHARS = 8_000;

    private RecordedRequest() {}

    /** Reverse by {@code Host}, absolute form (the PAC's way), or inside a tunnel: TLS or {@code CONNECT :80}. */
    static ArrivalPath pathOf(Arrival arrival, String uri) {
        if (arrival instanceof Arrival.InTunnel tunnel) return tunnel.tls() ? ArrivalPath.TLS : ArrivalPath.CONNECT80;
        return uri.startsWith("/") || uri.equals("*") ? ArrivalPath.HOST : ArrivalPath.PAC;
    }

    /** {@code http://app/x?y=1} as {@code /x?y=1}; an origin-form target as it is. */
    static String originForm(String uri) {
        if (uri.startsWith("/")) return uri;
        int scheme = uri.indexOf("://");
        if (scheme < 0) return uri;
        int path = uri.indexOf('/', scheme + 3);
        int query = uri.indexOf('?', scheme + 3);
        if (path < 0 || (query >= 0 && query < path)) return query < 0 ? "/" : "/" + uri.substring(query);
        return uri.substring(path);
    }

    /** Fields whose value is a URL, whose query may carry the same secrets as a request target's. */
    private static boolean urlValued(String name) {
        return HttpHeaderNames.REFERER.contentEqualsIgnoreCase(name) || HttpHeaderNames.LOCATION.contentEqualsIgnoreCase(name)
                || HttpHeaderNames.CONTENT_LOCATION.contentEqualsIgnoreCase(name);
    }

    /**
     * The fields as recorded, at most {@link #MAX_HEADER_CHARS} of them in all: a thousand exchanges per service
     * must stay small even when a client sends the largest head the limits allow.
     */
    static List<Header> headersOf(RequestJournal log, HttpHeaders headers) {
        if (!log.recordsHeaders()) return List.of();
        List<Header> recorded = new ArrayList<>(headers.size());
        int chars = 0;
        for (Map.Entry<String, String> field : headers) {
            Header header = Header.recorded(field.getKey(), urlValued(field.getKey())
                    ? log.recorded(field.getValue()) : field.getValue());
            chars += header.name().length() + header.value().length();
            if (chars > MAX_HEADER_CHARS) {
                recorded.add(new Header("(cut)", "more fields than the inspector keeps"));
                break;
            }
            recorded.add(header);
        }
        return recorded;
    }
}
