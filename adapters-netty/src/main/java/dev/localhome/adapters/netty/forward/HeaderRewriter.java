package dev.localhome.adapters.netty.forward;

import dev.localhome.domain.Self;
import dev.localhome.domain.routing.HeaderRewrite;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http2.HttpConversionUtil;
import io.netty.util.AsciiString;
import java.net.InetSocketAddress;
import java.net.SocketAddress;

/** Applies the domain's {@link HeaderRewrite} to a request head, and keeps hop-by-hop headers on their own hop. */
public final class HeaderRewriter {
    // AsciiString names hash once, here, instead of on every request (a String name is hashed on every lookup)
    private static final AsciiString[] HOP_BY_HOP = {HttpHeaderNames.KEEP_ALIVE, HttpHeaderNames.PROXY_CONNECTION,
            HttpHeaderNames.PROXY_AUTHORIZATION, HttpHeaderNames.TE, HttpHeaderNames.TRAILER};
    private static final AsciiString X_FORWARDED_HOST = AsciiString.cached("X-Forwarded-Host");
    private static final AsciiString X_FORWARDED_PROTO = AsciiString.cached("X-Forwarded-Proto");
    private static final AsciiString X_FORWARDED_FOR = AsciiString.cached("X-Forwarded-For");

    private static final int LOOP_DETECTED = 508;

    private HeaderRewriter() {}

    static void forBackend(HttpRequest request, String target, HeaderRewrite rewrite, SocketAddress client) {
        HttpHeaders headers = request.headers();
        boolean upgrade = isUpgrade(headers);
        stripHopByHop(headers);
        headers.remove(HttpConversionUtil.ExtensionHeaderNames.STREAM_ID.text());
        headers.remove(HttpConversionUtil.ExtensionHeaderNames.SCHEME.text());
        headers.remove(HttpConversionUtil.ExtensionHeaderNames.PATH.text());
        request.setUri(target);
        request.setProtocolVersion(HttpVersion.HTTP_1_1);
        rewrite.host().ifPresent(host -> headers.set(HttpHeaderNames.HOST, host));
        if (headers.contains(HttpHeaderNames.ORIGIN)) rewrite.origin().ifPresent(origin -> headers.set(HttpHeaderNames.ORIGIN, origin));
        if (rewrite.forwarded()) {
            headers.set(X_FORWARDED_HOST, rewrite.forwardedHost());
            headers.set(X_FORWARDED_PROTO, rewrite.forwardedProto());
            if (client instanceof InetSocketAddress address) headers.set(X_FORWARDED_FOR, address.getAddress().getHostAddress());
        }
        if (upgrade) headers.set(HttpHeaderNames.CONNECTION, HttpHeaderValues.UPGRADE);
        else headers.remove(HttpHeaderNames.UPGRADE);
    }

    /**
     * Appends this instance's entry to {@code Via} (RFC 9110 §7.6.3), so that a request that comes back is known as
     * a loop. Call before {@link #forBackend}, which makes every request HTTP/1.1: the entry names the protocol the
     * request arrived over ({@code 2} for an h2 stream, whose converted head carries its stream id).
     */
    public static void addVia(HttpRequest request, Self self) {
        HttpHeaders headers = request.headers();
        String received = headers.contains(HttpConversionUtil.ExtensionHeaderNames.STREAM_ID.text()) ? "2"
                : request.protocolVersion().majorVersion() + "." + request.protocolVersion().minorVersion();
        String entry = self.viaEntry(received);
        // most requests carry no Via: no list of its values to build for them
        String earlier = headers.contains(HttpHeaderNames.VIA) ? String.join(", ", headers.getAll(HttpHeaderNames.VIA)) : "";
        headers.set(HttpHeaderNames.VIA, earlier.isEmpty() ? entry : earlier + ", " + entry);
    }

    /**
     * Prepares a backend's response for the client. A body that ends when the backend closes is re-framed as chunked
     * for HTTP/1.1 clients, so their connection can stay open.
     *
     * @return whether the client connection must close after this response
     */
    static boolean forClient(HttpResponse response, HttpVersion clientVersion, boolean clientKeepAlive) {
        HttpHeaders headers = response.headers();
        stripHopByHop(headers);
        // A loop answered 508 somewhere down the chain: each hop closes, so none of its connections stays pooled.
        boolean close = !clientKeepAlive || response.status().code() == LOOP_DETECTED;
        if (hasBody(response.status()) && !HttpUtil.isContentLengthSet(response) && !HttpUtil.isTransferEncodingChunked(response)) {
            if (clientVersion.equals(HttpVersion.HTTP_1_1)) HttpUtil.setTransferEncodingChunked(response, true);
            else close = true;
        }
        if (close) headers.set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        else if (clientVersion.equals(HttpVersion.HTTP_1_0)) headers.set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
        return close;
    }

    public static boolean isUpgrade(HttpHeaders headers) {
        return headers.contains(HttpHeaderNames.UPGRADE)
                && headers.containsValue(HttpHeaderNames.CONNECTION, HttpHeaderValues.UPGRADE, true);
    }

    private static boolean hasBody(HttpResponseStatus status) {
        int code = status.code();
        return code >= 200 && code != 204 && code != 304;
    }

    /** A header a {@code Connection} option names goes with it (RFC 9110 §7.6.1), except {@code Upgrade}. */
    private static void removeNamed(HttpHeaders headers, String option) {
        String name = option.trim();
        if (!name.isEmpty() && !name.equalsIgnoreCase("upgrade")) headers.remove(name);
    }

    /** Removes {@code Connection} and every header it names, plus the classic hop-by-hop ones. */
    private static void stripHopByHop(HttpHeaders headers) {
        // Most messages have no Connection header (no list of its values to build) or one with a single option
        // (keep-alive, close: nothing to split)
        if (headers.contains(HttpHeaderNames.CONNECTION)) {
            for (String connection : headers.getAll(HttpHeaderNames.CONNECTION)) {
                if (connection.indexOf(',') < 0) removeNamed(headers, connection);
                else for (String token : connection.split(",")) removeNamed(headers, token);
            }
            headers.remove(HttpHeaderNames.CONNECTION);
        }
        for (AsciiString name : HOP_BY_HOP) headers.remove(name);
    }
}
