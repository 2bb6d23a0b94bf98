package dev.localhome.adapters.netty.routing;

import dev.localhome.adapters.netty.forward.HeaderRewriter;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.LastHttpContent;

/**
 * Whether the request being read asks for an upgrade, as it is read (not as it is routed): from its end on an
 * {@link UpgradeHoldDecoder} keeps what follows until the backend answers. One per router.
 *
 * <p>A body-less upgrade request (every WebSocket handshake) is held at its head: the codec decoded its end in the
 * same step, and the bytes right behind it (a frame sent before the {@code 101}) must not be decoded as HTTP, even
 * when reading paused and the end waits in the flow control in front of the router.
 */
final class UpgradeWatch {
    private boolean reading; // an upgrade request's head was read, its end not yet
    private boolean held;    // what follows it is held already: it had no body, so it was held at its head

    /**
     * Follows what the router reads. Returns {@code true} when an upgrade request was just read to its end: what
     * follows is held, and the router must stop reading.
     */
    boolean read(HttpObject object, ChannelPipeline pipeline) {
        // A whole request is an upgrade request too when an h2 stream's extended CONNECT became one; from the
        // HTTP/1.1 codec a whole request is a bad head (decoder failure), never an upgrade.
        if (object instanceof HttpRequest head) {
            reading = head.decoderResult().isSuccess() && !head.method().equals(HttpMethod.CONNECT)
                    && HeaderRewriter.isUpgrade(head.headers()) && UpgradeHoldDecoder.applies(pipeline);
            held = reading && !HttpUtil.isTransferEncodingChunked(head) && HttpUtil.getContentLength(head, 0L) == 0;
            if (held) UpgradeHoldDecoder.install(pipeline);
        }
        if (!reading || !(object instanceof LastHttpContent)) return false;
        reading = false;
        if (!held) UpgradeHoldDecoder.install(pipeline);
        held = false;
        return true;
    }

    /** The request will not switch (the daemon answers it itself): nothing after it needs holding. */
    void notNeeded() {
        reading = false;
        held = false; // a hold in place already goes when the answer went out (UpgradeHoldDecoder.resumeHttp)
    }
}
