package dev.localhome.adapters.netty.tunnel;

import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http2.Http2Exception;
import io.netty.handler.codec.http2.HttpConversionUtil;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http2.DefaultHttp2Headers;
import io.netty.handler.codec.http2.DefaultHttp2HeadersFrame;
import io.netty.handler.codec.http2.Http2DataFrame;
import io.netty.handler.codec.http2.Http2Headers;
import io.netty.handler.codec.http2.Http2HeadersFrame;
import io.netty.util.AsciiString;
import io.netty.util.ReferenceCountUtil;
import java.security.SecureRandom;
import java.util.Base64;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A WebSocket over an h2 stream (RFC 8441) as the backend knows it: an HTTP/1.1 upgrade. Sits in front of a stream's
 * HTTP codec and turns, once, the stream's first exchange from one form into the other:
 *
 * <ul>
 *   <li>{@code CONNECT :protocol websocket :path /ws} becomes a whole (body-less) {@code GET /ws}, past the HTTP
 *       codec, with
 *       {@code Upgrade: websocket} and a fresh {@code Sec-WebSocket-Key} (RFC 8441 has none, the backend needs
 *       one); the {@code DATA} that follows is WebSocket bytes, passed on bare, which the upgrade hold keeps like the
 *       bytes after an HTTP/1.1 upgrade request;</li>
 *   <li>the backend's {@code 101} goes out as {@code :status 200}, and the empty end of that {@code 101} is no end
 *       of the stream: it is dropped, and this handler with it (the exchange then puts a byte codec in place of
 *       the HTTP codec); any other answer is the stream's response as it is.</li>
 * </ul>
 *
 * Any other first request passes untouched and the handler leaves at once.
 */
final class ExtendedConnectHandler extends ChannelDuplexHandler {
    private static final Logger log = LoggerFactory.getLogger(ExtendedConnectHandler.class);
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final AsciiString WEBSOCKET = AsciiString.cached("websocket");
    private static final AsciiString STATUS_101 = HttpResponseStatus.SWITCHING_PROTOCOLS.codeAsText();
    /** What of a {@code 101} the client hears of in its {@code 200}: the choices the server made (RFC 8441 §5). */
    private static final AsciiString[] NEGOTIATED = {
            HttpHeaderNames.SEC_WEBSOCKET_PROTOCOL, HttpHeaderNames.SEC_WEBSOCKET_EXTENSIONS};

    private boolean upgrading; // the CONNECT went on as an upgrade; its DATA is WebSocket bytes
    private boolean switched;  // the 200 went out; the 101's end is still to come

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (upgrading) {
            if (msg instanceof Http2DataFrame data) {
                // Bare bytes: the HTTP codec lets them by, the router holds them until the backend answers. An
                // END_STREAM this early (no client half-closes before its 200) carries no more than its bytes.
                if (data.content().isReadable()) ctx.fireChannelRead(data.content());
                else data.release();
                return;
            }
            ctx.fireChannelRead(msg);
            return;
        }
        if (!(msg instanceof Http2HeadersFrame frame) || !isExtendedConnect(frame.headers())) {
            ctx.pipeline().remove(this);
            ctx.fireChannelRead(msg);
            return;
        }
        CharSequence protocol = frame.headers().get(Http2Headers.PseudoHeaderName.PROTOCOL.value());
        if (!WEBSOCKET.contentEqualsIgnoreCase(protocol)) {
            log.debug("[{}] extended CONNECT for '{}' declined: only websocket is carried", ctx.channel().id(), protocol);
            ReferenceCountUtil.release(msg);
            Http2Headers declined = new DefaultHttp2Headers().status(HttpResponseStatus.NOT_IMPLEMENTED.codeAsText());
            ctx.writeAndFlush(new DefaultHttp2HeadersFrame(declined, true)).addListener(done -> ctx.close());
            return;
        }
        upgrading = true;
        log.debug("[{}] extended CONNECT websocket {} -> HTTP/1.1 upgrade", ctx.channel().id(), frame.headers().path());
        try {
            ctx.fireChannelRead(asUpgrade(ctx, frame));
        } catch (Http2Exception e) {
            log.debug("[{}] extended CONNECT unreadable: {}", ctx.channel().id(), e.toString());
            ctx.close();
        }
    }

    static boolean isExtendedConnect(Http2Headers headers) {
        return HttpMethod.CONNECT.asciiName().contentEquals(headers.method())
                && headers.contains(Http2Headers.PseudoHeaderName.PROTOCOL.value());
    }

    /**
     * The same request as RFC 6455 spells it, whole and body-less as the stream's codec would deliver a GET; the
     * client's subprotocols and extensions stay as they are. Built here, not by the codec: an h2 request converted
     * to HTTP/1.1 is kept alive, and that takes its {@code Connection} header, the {@code Upgrade} in it included.
     */
    private static FullHttpRequest asUpgrade(ChannelHandlerContext ctx, Http2HeadersFrame frame) throws Http2Exception {
        Http2Headers connect = frame.headers();
        connect.method(HttpMethod.GET.asciiName());
        connect.remove(Http2Headers.PseudoHeaderName.PROTOCOL.value());
        FullHttpRequest request = HttpConversionUtil.toFullHttpRequest(frame.stream().id(), connect, ctx.alloc(), true);
        HttpHeaders headers = request.headers();
        headers.set(HttpHeaderNames.UPGRADE, HttpHeaderValues.WEBSOCKET);
        headers.set(HttpHeaderNames.CONNECTION, HttpHeaderValues.UPGRADE);
        headers.set(HttpHeaderNames.SEC_WEBSOCKET_VERSION, "13");
        byte[] key = new byte[16];
        RANDOM.nextBytes(key);
        headers.set(HttpHeaderNames.SEC_WEBSOCKET_KEY, Base64.getEncoder().encodeToString(key));
        return request;
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (switched && msg instanceof Http2DataFrame end && end.isEndStream() && !end.content().isReadable()) {
            end.release(); // the 101's end: the stream goes on, as WebSocket bytes
            promise.setSuccess();
            ctx.pipeline().remove(this);
            return;
        }
        if (upgrading && !switched && msg instanceof Http2HeadersFrame head && STATUS_101.contentEquals(head.headers().status())) {
            switched = true;
            Http2Headers accepted = new DefaultHttp2Headers().status(HttpResponseStatus.OK.codeAsText());
            for (AsciiString name : NEGOTIATED) {
                CharSequence value = head.headers().get(name);
                if (value != null) accepted.set(name, value);
            }
            ctx.write(new DefaultHttp2HeadersFrame(accepted, false).stream(head.stream()), promise);
            return;
        }
        if (upgrading && !switched && msg instanceof Http2HeadersFrame) {
            ctx.pipeline().remove(this); // declined: the backend's answer is the stream's response, as it is
        }
        ctx.write(msg, promise);
    }
}
