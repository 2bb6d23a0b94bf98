package dev.localhome.adapters.netty.routing;

import dev.localhome.adapters.netty.inbound.PipelineNames;
import dev.localhome.adapters.netty.inbound.ProxyLimits;
import dev.localhome.adapters.netty.inbound.ServerCodecs;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.codec.http.HttpResponseEncoder;
import io.netty.handler.codec.http.HttpServerCodec;
import java.util.List;

/**
 * The client side of a protocol switch, from the end of an upgrade request until the backend answers it. Whatever the
 * client sends after that request (a WebSocket frame, an h2c preface) is not HTTP if the backend switches, so it must
 * not reach an HTTP decoder: the connection's {@link HttpServerCodec} gives way to a bare response encoder (the
 * backend's answer still goes out as HTTP), and this decoder, right behind it, keeps those bytes in its
 * cumulation, decoding nothing. Its removal passes them on in order ({@code ByteToMessageDecoder.handlerRemoved}):
 *
 * <ul>
 *   <li>{@code 101}: removed once the relay is in the router's place, so they go to the backend first;</li>
 *   <li>any other answer: {@link #resumeHttp} puts a fresh codec in its place, and they are decoded as HTTP.</li>
 * </ul>
 */
final class UpgradeHoldDecoder extends ByteToMessageDecoder {

    /**
     * Whether {@code pipeline} can switch protocols: HTTP/1.1 can; an h2 stream can when it asked with an extended
     * {@code CONNECT} (RFC 8441), whose {@code ExtendedConnectHandler} passes what follows on as bare bytes already.
     */
    static boolean applies(ChannelPipeline pipeline) {
        return pipeline.get(PipelineNames.HTTP) instanceof HttpServerCodec || pipeline.get(PipelineNames.EXTENDED_CONNECT) != null;
    }

    /**
     * Holds what follows the upgrade request. Call right when its end is read, before the codec decodes anything after
     * it: what the codec buffered comes here as the codec leaves.
     */
    static void install(ChannelPipeline pipeline) {
        pipeline.addBefore(PipelineNames.FLOW_CONTROL, PipelineNames.UPGRADE_HOLD, new UpgradeHoldDecoder());
        if (pipeline.get(PipelineNames.HTTP) instanceof HttpServerCodec)
            pipeline.replace(PipelineNames.HTTP, PipelineNames.HTTP, new HttpResponseEncoder());
    }

    /**
     * The backend declined: HTTP goes on, starting with what the client sent meanwhile. An h2 stream has no more
     * requests to come: what it sent is dropped.
     */
    static void resumeHttp(ChannelPipeline pipeline, ProxyLimits limits) {
        if (!(pipeline.get(PipelineNames.UPGRADE_HOLD) instanceof UpgradeHoldDecoder hold)) return;
        if (!(pipeline.get(PipelineNames.HTTP) instanceof HttpResponseEncoder)) {
            hold.internalBuffer().skipBytes(hold.internalBuffer().readableBytes());
            pipeline.remove(hold);
            return;
        }
        pipeline.remove(PipelineNames.HTTP);
        pipeline.replace(hold, PipelineNames.HTTP, ServerCodecs.newServerCodec(limits)); // the bytes enter the codec
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        // nothing: the bytes wait in the cumulation until the backend has answered
    }

    /** No read of its own while it holds (a decoder asks for one after a read that fired nothing): the router paused reading. */
    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        ctx.fireChannelReadComplete();
    }
}
