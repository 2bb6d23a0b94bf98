package dev.localhome.adapters.netty.tunnel;

import dev.localhome.adapters.netty.inbound.ConnectionActivity;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http.EmptyHttpHeaders;
import io.netty.handler.codec.http2.DefaultHttp2ResetFrame;
import io.netty.handler.codec.http2.Http2DataFrame;
import io.netty.handler.codec.http2.Http2Error;
import io.netty.handler.codec.http2.Http2HeadersFrame;
import io.netty.handler.codec.http2.Http2StreamFrame;
import io.netty.handler.codec.http2.Http2StreamFrameToHttpObjectCodec;
import io.netty.util.ReferenceCountUtil;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Netty's h2 stream codec, with what an HTTP/1.1 backend may say that h2 forbids taken out: a response that has no
 * content by definition (RFC 9110 §6.4.1: any {@code 1xx}, {@code 204}, {@code 304}, the answer to {@code HEAD}) goes
 * out as one HEADERS frame with END_STREAM, never followed by DATA, and a {@code 1xx} or {@code 204} loses a
 * {@code Content-Length} (RFC 9110 §8.6: a server must not send one there; curl and nghttp2 reset the stream with
 * PROTOCOL_ERROR when it is not 0). A {@code 304} and a {@code HEAD} answer keep theirs: it describes the
 * representation a {@code GET} would get, which RFC 9113 §8.1.1 allows.
 *
 * <p>Netty's codec writes a streamed response as its head, then its end as an empty DATA frame with END_STREAM. So a
 * bodiless head is held here (its write reported done at once: the forwarding may wait for it before reading on) and
 * written, merged with its end, as a full response when the end comes. A {@code 101} is left alone: on an h2 stream
 * it is a WebSocket's opening (RFC 8441), which {@link ExtendedConnectHandler} turns into {@code 200}.
 */
final class Http2StreamHttpCodec extends Http2StreamFrameToHttpObjectCodec {
    /**
     * How long a stream whose response has ended waits for the rest of its request (and its END_STREAM) before it is
     * reset with NO_ERROR: a client still uploading after an early answer ({@code 413}, {@code 417}) stops then.
     */
    static final long REQUEST_END_WAIT_MILLIS = 2_000;

    private boolean askedForHead; // one request per stream, on the stream's event loop: no volatile needed
    private HttpResponse heldHead;
    private boolean informationalEndNext;
    private boolean requestEnded;
    private boolean responseEnded;
    private boolean awaitingRequestEnd;

    Http2StreamHttpCodec() {
        super(true);
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, Http2StreamFrame frame, List<Object> out) throws Exception {
        boolean ends = frame instanceof Http2HeadersFrame headers && headers.isEndStream()
                || frame instanceof Http2DataFrame data && data.isEndStream();
        if (ends) requestEnded = true;
        if (awaitingRequestEnd) return; // the rest of a request already answered: read, and dropped (the base class releases it)
        super.decode(ctx, frame, out);
        for (Object decoded : out)
            if (decoded instanceof HttpRequest request && HttpMethod.HEAD.equals(request.method())) askedForHead = true;
    }

    /**
     * The router closes a stream whose response ended before its request did (a complete answer to an upload, with
     * the client's END_STREAM still to come, often in an empty DATA frame of its own). Closing the stream now would
     * reset it with CANCEL after a complete response; instead the rest of the request is read and dropped, and the
     * stream closes by itself at the client's END_STREAM, or is reset with NO_ERROR after
     * {@value #REQUEST_END_WAIT_MILLIS} ms, the way RFC 9113 §8.1 asks a client to stop sending a request already
     * answered.
     */
    @Override
    public void close(ChannelHandlerContext ctx, ChannelPromise promise) throws Exception {
        if (!responseEnded || requestEnded || awaitingRequestEnd || !ctx.channel().isActive()) {
            super.close(ctx, promise);
            return;
        }
        awaitingRequestEnd = true;
        ctx.channel().closeFuture().addListener(closed -> promise.trySuccess());
        ctx.executor().schedule(() -> {
            if (ctx.channel().isActive())
                ctx.writeAndFlush(new DefaultHttp2ResetFrame(Http2Error.NO_ERROR)).addListener(ChannelFutureListener.CLOSE);
        }, REQUEST_END_WAIT_MILLIS, TimeUnit.MILLISECONDS);
        ctx.channel().config().setAutoRead(true);
        ctx.read();
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) throws Exception {
        if (msg instanceof LastHttpContent && !informationalEndNext
                && !(msg instanceof HttpResponse head && head.status().code() < 200))
            responseEnded = true; // the end of the final response: END_STREAM from our side
        if (msg instanceof HttpResponse response) {
            writeHead(ctx, response, promise);
            return;
        }
        if (msg instanceof HttpContent content && (heldHead != null || informationalEndNext)) {
            writeEndOfBodiless(ctx, content, promise);
            return;
        }
        super.write(ctx, msg, promise);
    }

    private void writeHead(ChannelHandlerContext ctx, HttpResponse response, ChannelPromise promise) throws Exception {
        int code = response.status().code();
        if (code == HttpResponseStatus.SWITCHING_PROTOCOLS.code()) {
            super.write(ctx, response, promise);
            return;
        }
        boolean informational = code < 200;
        if (informational || code == HttpResponseStatus.NO_CONTENT.code()) {
            response.headers().remove(HttpHeaderNames.CONTENT_LENGTH);
            response.headers().remove(HttpHeaderNames.TRANSFER_ENCODING);
        }
        boolean bodiless = informational || code == HttpResponseStatus.NO_CONTENT.code()
                || code == HttpResponseStatus.NOT_MODIFIED.code() || askedForHead;
        if (!bodiless) {
            String type = response.headers().get(HttpHeaderNames.CONTENT_TYPE);
            if (type != null && type.startsWith("text/event-stream"))
                ConnectionActivity.of(ctx.channel()).endlessStream(ctx.channel()); // a stop closes it, not waits for it
            super.write(ctx, response, promise);
            return;
        }
        if (response instanceof FullHttpResponse full) {
            super.write(ctx, full.content().isReadable() ? headOnly(full) : full, promise);
            if (full.content().isReadable()) full.release();
            return;
        }
        if (informational) { // Netty's codec takes a 1xx only whole; its end, still to come, is dropped
            informationalEndNext = true;
            super.write(ctx, headOnly(response), promise);
            return;
        }
        heldHead = response;
        promise.trySuccess();
    }

    private void writeEndOfBodiless(ChannelHandlerContext ctx, HttpContent content, ChannelPromise promise) throws Exception {
        ReferenceCountUtil.release(content); // a bodiless response's content is nothing, whatever the backend sent
        if (!(content instanceof LastHttpContent)) {
            promise.trySuccess();
            return;
        }
        if (informationalEndNext) {
            informationalEndNext = false;
            promise.trySuccess();
            return;
        }
        HttpResponse head = heldHead;
        heldHead = null;
        super.write(ctx, headOnly(head), promise);
    }

    private static FullHttpResponse headOnly(HttpResponse head) {
        return new DefaultFullHttpResponse(head.protocolVersion(), head.status(), Unpooled.EMPTY_BUFFER, head.headers(),
                EmptyHttpHeaders.INSTANCE);
    }
}
