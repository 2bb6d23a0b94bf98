package dev.localhome.adapters.netty.forward;

import dev.localhome.adapters.netty.inspect.ExchangeRecord;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;

/**
 * The backend's answer to one exchange, passed to the client as it comes: interim answers ({@code 100 Continue}),
 * the final head rewritten for the client, its body; or the head of a {@code 101}, which its exchange hands off.
 */
final class ResponseStream {
    private final ChannelHandlerContext client;
    private final ExchangeRecord record;
    private final HttpVersion clientVersion;
    private final boolean clientKeepAlive;
    private ResponseProgress progress = ResponseProgress.NONE;
    private boolean backendKeepAlive;
    private boolean closeClientAfter;

    ResponseStream(ChannelHandlerContext client, ExchangeRecord record, HttpVersion clientVersion, boolean clientKeepAlive) {
        this.client = client;
        this.record = record;
        this.clientVersion = clientVersion;
        this.clientKeepAlive = clientKeepAlive;
    }

    /** Whether any of the answer came: a cut-off answer is never passed off as whole, nor replayed. */
    boolean started() {
        return progress.started();
    }

    /** Passes a head on; returns whether it is a {@code 101}, whose end and what follows the exchange hands off. */
    boolean head(HttpResponse response) {
        record.responseHead(response);
        int code = response.status().code();
        boolean switching = code == HttpResponseStatus.SWITCHING_PROTOCOLS.code();
        boolean interim = code >= 100 && code < 200 && !switching;
        progress = interim ? ResponseProgress.INTERIM : ResponseProgress.FINAL;
        if (!interim && !switching) {
            backendKeepAlive = HttpUtil.isKeepAlive(response);
            closeClientAfter = HeaderRewriter.forClient(response, clientVersion, clientKeepAlive);
        }
        client.write(response);
        return switching;
    }

    /** Whether {@code content} is the end of the final answer: the exchange ends before it is written. */
    boolean ends(HttpContent content) {
        return content instanceof LastHttpContent && progress == ResponseProgress.FINAL;
    }

    /** Passes on body content that does not end the final answer ({@link #ends} is false). */
    void content(HttpContent content) {
        record.responseBody(content.content().readableBytes());
        if (!(content instanceof LastHttpContent)) {
            client.write(content);
            return;
        }
        client.writeAndFlush(content); // the end of a 100 Continue: the real response is still to come
        progress = ResponseProgress.AWAITING_FINAL;
    }

    /**
     * Writes the final answer's end ({@link #ends} is true), once {@code beforeWrite} marked the exchange done: the
     * end of an h2 stream closes its channel inside the write, and that close is no client gone mid-exchange.
     */
    void end(HttpContent last, Runnable beforeWrite) {
        record.responseBody(last.content().readableBytes());
        beforeWrite.run();
        client.writeAndFlush(last);
    }

    /** Whether the backend connection may serve another request once the request, too, went out whole. */
    boolean backendReusable() {
        return backendKeepAlive;
    }

    /** Whether the client's connection must close after this answer (HTTP/1.0 without keep-alive, a 508, ...). */
    boolean closesClient() {
        return closeClientAfter;
    }
}
