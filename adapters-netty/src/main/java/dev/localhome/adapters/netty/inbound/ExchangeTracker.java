package dev.localhome.adapters.netty.inbound;

import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.LastHttpContent;
import java.util.List;

/**
 * Right behind the HTTP/1.1 server codec, tells the connection's {@link ConnectionActivity} where it is between two
 * exchanges: a request head begins one, the end of a final response ends it. Once a stop has begun, each final
 * response says {@code Connection: close}, and the connection closes after it.
 *
 * <p>A tunnel puts a codec of its own in place ({@code CONNECT app:80}, or TLS then ALPN {@code http/1.1}), later and
 * further along than where this handler stands. Bytes that reach it undecoded (or a read asked for) mean just that: it
 * moves itself behind that new codec (the {@code CONNECT}'s own exchange ends there), or, when the connection has
 * become a relay or speaks h2, leaves.
 */
public final class ExchangeTracker extends ChannelDuplexHandler {
    private boolean finalHead; // same event loop for every call: no volatile needed
    /** The [http] in front of this handler when last looked at: while it stands, no tunnel's codec came since. */
    private ChannelHandlerContext codecInFront;

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof HttpRequest) {
            ConnectionActivity.of(ctx.channel()).requestHead();
            QuietReclaim.activity();
        }
        if (msg instanceof HttpObject) {
            ctx.fireChannelRead(msg);
            return;
        }
        if (followNewCodec(ctx, true)) {
            ctx.fireChannelRead(msg); // from where this handler was: into the new codec, then to its new place
            return;
        }
        ctx.fireChannelRead(msg);
        // The ALPN handler may have put the codec in place while handling these bytes, and a request that came in the
        // same read (TLS 1.3: the client's Finished and its first request) went past it: the exchange the CONNECT
        // began is then taken as still running, until the tunnel's first response has ended.
        followNewCodec(ctx, false);
    }

    /** Asked to read: a tunnel's codec may be in place since the last read (its hand-over reads again). */
    @Override
    public void read(ChannelHandlerContext ctx) {
        // Once per read on every connection: while the same codec stands in front, a lookup by name, not a list of
        // every name (pipeline.names()) and two searches in it
        ChannelHandlerContext codec = ctx.pipeline().context(PipelineNames.HTTP);
        if ((codec == null || codec != codecInFront) && !followNewCodec(ctx, true)) codecInFront = codec;
        ctx.read();
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        ConnectionActivity activity = ConnectionActivity.of(ctx.channel());
        if (msg instanceof HttpResponse response && response.status().code() >= 200) {
            finalHead = true;
            String type = response.headers().get(HttpHeaderNames.CONTENT_TYPE);
            activity.responseHead(type != null && type.startsWith("text/event-stream"));
            if (activity.draining()) response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        }
        boolean ends = finalHead && msg instanceof LastHttpContent;
        ctx.write(msg, promise);
        if (ends) {
            finalHead = false;
            activity.exchangeEnded(ctx.channel());
        }
    }

    /**
     * Moves this handler behind a codec that now stands further along the pipeline, or takes it out of a relay.
     *
     * @param beforeAnyRequest whether no request can have passed the new codec yet: then the {@code CONNECT}'s
     *                         exchange is over
     * @return whether it moved or left: then {@code ctx} is no longer in the pipeline
     */
    private static boolean followNewCodec(ChannelHandlerContext ctx, boolean beforeAnyRequest) {
        ChannelPipeline pipeline = ctx.pipeline();
        List<String> names = pipeline.names();
        int here = names.indexOf(ctx.name());
        int codec = names.indexOf(PipelineNames.HTTP);
        if (here >= 0 && codec > here) {
            pipeline.remove(ctx.handler());
            pipeline.addAfter(PipelineNames.HTTP, PipelineNames.EXCHANGES, new ExchangeTracker());
            if (beforeAnyRequest) ConnectionActivity.of(ctx.channel()).tunnelOpened();
            return true;
        }
        if (codec < 0 && (pipeline.get(PipelineNames.RELAY) != null || pipeline.get(PipelineNames.HTTP2) != null)) {
            pipeline.remove(ctx.handler()); // a relay's bytes, or h2 (a stop sends GOAWAY): nothing to track here
            return true;
        }
        return false;
    }
}
