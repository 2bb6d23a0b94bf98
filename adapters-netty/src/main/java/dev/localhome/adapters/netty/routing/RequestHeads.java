package dev.localhome.adapters.netty.routing;

import dev.localhome.domain.routing.RequestHead;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http2.HttpConversionUtil;
import java.util.List;

/** What routing needs to know of a Netty request head, as the domain's {@link RequestHead}. */
final class RequestHeads {
    private RequestHeads() {}

    /**
     * Every {@code Host} field line as sent, so that two of them are refused. An h2 request's {@code :authority}
     * becomes a {@code Host} here, and a client may send both; equal values there are one authority (RFC 9113 §8.3.1).
     */
    /** A whole, body-less request (as h2 delivers one) as a head alone; the whole one is released. */
    static HttpRequest headOf(FullHttpRequest whole) {
        HttpRequest head = new DefaultHttpRequest(whole.protocolVersion(), whole.method(), whole.uri(), whole.headers());
        whole.release();
        return head;
    }

    static RequestHead of(HttpRequest request) {
        HttpHeaders headers = request.headers();
        List<String> hosts = headers.getAll(HttpHeaderNames.HOST);
        if (headers.contains(HttpConversionUtil.ExtensionHeaderNames.STREAM_ID.text()))
            hosts = hosts.stream().distinct().toList();
        // Most requests carry no Via: no list to build for them.
        List<String> via = headers.contains(HttpHeaderNames.VIA) ? headers.getAll(HttpHeaderNames.VIA) : List.of();
        return new RequestHead(request.method().name(), request.uri(), hosts, via);
    }
}
