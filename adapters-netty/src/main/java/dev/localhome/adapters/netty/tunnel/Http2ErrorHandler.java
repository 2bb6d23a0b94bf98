package dev.localhome.adapters.netty.tunnel;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http2.Http2CodecUtil;
import io.netty.handler.codec.http2.Http2Error;
import io.netty.handler.codec.http2.Http2Exception;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The last handler of an h2 tunnel's connection: what fails there ends here, in one log line, never at the tail of
 * the pipeline. A protocol error has already been answered by the codec ({@code GOAWAY}, then close), so it is only
 * told; anything else (the socket reset under TLS) closes the connection. Each stream has its own pipeline, whose
 * router handles its failures.
 */
final class Http2ErrorHandler extends ChannelInboundHandlerAdapter {
    private static final Logger log = LoggerFactory.getLogger(Http2ErrorHandler.class);

    private final String name;
    private boolean floodReported; // the codec goes on reading the frames of the same read, and throws again for each

    Http2ErrorHandler(String name) {
        this.name = name;
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        Http2Exception h2 = Http2CodecUtil.getEmbeddedHttp2Exception(cause);
        if (h2 == null) {
            log.debug("[{}] h2 tunnel to '{}' failed: {}", ctx.channel().id(), name, cause.toString());
            ctx.close();
        } else if (h2.error() != Http2Error.ENHANCE_YOUR_CALM) {
            log.debug("[{}] h2 tunnel to '{}' closed, the client broke the protocol: {}", ctx.channel().id(), name, h2.getMessage());
        } else if (floodReported) {
            return;
        } else if (String.valueOf(h2.getMessage()).contains("RST")) {
            // The only way a local browser's connection is closed for its own good: say so plainly, once.
            floodReported = true;
            log.warn("[{}] h2 tunnel to '{}' closed: its client reset more than {} streams within {} s, far more than"
                            + " a browser cancels; it may reconnect", ctx.channel().id(), name,
                    AlpnHandler.MAX_RESETS_PER_WINDOW, AlpnHandler.RESET_WINDOW_SECONDS);
        } else {
            floodReported = true;
            log.warn("[{}] h2 tunnel to '{}' closed: its client crossed a flood limit ({})", ctx.channel().id(), name, h2.getMessage());
        }
    }
}
