package dev.localhome.adapters.netty;

import dev.localhome.domain.routing.Arrival;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpServerCodec;

/** An accepted connection starts as plain HTTP/1.1 with size limits, routed request by request. */
final class ProxyInitializer extends ChannelInitializer<SocketChannel> {
    static final int MAX_INITIAL_LINE = 8 * 1024;
    static final int MAX_HEADER_SIZE = 64 * 1024;
    static final int MAX_CHUNK_SIZE = 64 * 1024;

    private final ProxyContext proxy;

    ProxyInitializer(ProxyContext proxy) {
        this.proxy = proxy;
    }

    static HttpServerCodec newServerCodec() {
        return new HttpServerCodec(MAX_INITIAL_LINE, MAX_HEADER_SIZE, MAX_CHUNK_SIZE);
    }

    @Override
    protected void initChannel(SocketChannel channel) {
        ChannelPipeline pipeline = channel.pipeline();
        pipeline.addLast(PipelineNames.HTTP, newServerCodec());
        pipeline.addLast(PipelineNames.ROUTER, new RequestRoutingHandler(proxy, Arrival.direct()));
    }
}
