package dev.localhome.adapters.netty.routing;

import dev.localhome.adapters.netty.inbound.ProxyLimits;
import dev.localhome.adapters.netty.inbound.PipelineNames;
import dev.localhome.adapters.netty.inbound.ServerCodecs;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.HttpResponseEncoder;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.util.ReferenceCountUtil;
import java.util.ArrayList;
import java.util.List;

/**
 * The client side of a protocol switch, from the end of an upgrade request until the backend answers it. Whatever the
 * client sends after that request (a WebSocket frame, an h2c preface) is not HTTP if the backend switches, so it must
 * not reach an HTTP decoder: the connection's {@link HttpServerCodec} gives way to a bare response encoder (the
 * backend's answer still goes out as HTTP), and the bytes the codec had buffered are kept here, in order.
 *
 * <ul>
 *   <li>{@code 101}: {@link #takeBytes()} hands them to the relay, which sends them on before anything else;</li>
 *   <li>any other answer: {@link #resumeHttp} puts a fresh codec back and replays them into it.</li>
 * </ul>
 */
final class UpgradeHold {
    private static final String REPLAY = "upgrade-replay";

    private final List<ByteBuf> held = new ArrayList<>();

    /**
     * Whether {@code pipeline} can switch protocols: HTTP/1.1 can; an h2 stream can when it asked with an extended
     * {@code CONNECT} (RFC 8441), whose {@link ExtendedConnectHandler} passes what follows on as bare bytes already.
     */
    static boolean applies(ChannelPipeline pipeline) {
        return pipeline.get(PipelineNames.HTTP) instanceof HttpServerCodec || pipeline.get(PipelineNames.EXTENDED_CONNECT) != null;
    }

    /**
     * Takes the HTTP decoder out of {@code pipeline}. Call right when the upgrade request's end is read, before the
     * codec decodes anything after it. The bytes it buffered arrive at once, through the pipeline, as
     * {@link ByteBuf}s that the router hands to {@link #add}: so the router must know this hold before calling this.
     */
    void install(ChannelPipeline pipeline) {
        if (pipeline.get(PipelineNames.HTTP) instanceof HttpServerCodec)
            pipeline.replace(PipelineNames.HTTP, PipelineNames.HTTP, new HttpResponseEncoder());
    }

    void add(ByteBuf bytes) {
        held.add(bytes);
    }

    /** The bytes held so far, in order; the caller owns them now. */
    List<ByteBuf> takeBytes() {
        List<ByteBuf> bytes = List.copyOf(held);
        held.clear();
        return bytes;
    }

    /**
     * The backend declined: HTTP goes on, starting with what the client sent meanwhile. An h2 stream has no more
     * requests to come: what it sent is dropped.
     */
    void resumeHttp(ChannelPipeline pipeline, ProxyLimits limits) {
        if (!(pipeline.get(PipelineNames.HTTP) instanceof HttpResponseEncoder)) {
            release();
            return;
        }
        pipeline.replace(PipelineNames.HTTP, PipelineNames.HTTP, ServerCodecs.newServerCodec(limits));
        if (held.isEmpty()) return;
        // Fired from a handler just in front of the new codec, so the bytes enter it, not the layers before (TLS).
        pipeline.addBefore(PipelineNames.HTTP, REPLAY, new ChannelInboundHandlerAdapter());
        ChannelHandlerContext replay = pipeline.context(REPLAY);
        for (ByteBuf bytes : takeBytes()) replay.fireChannelRead(bytes);
        replay.fireChannelReadComplete();
        pipeline.remove(REPLAY);
    }

    void release() {
        held.forEach(ReferenceCountUtil::release);
        held.clear();
    }
}
