package dev.localhome.adapters.netty;

import dev.localhome.adapters.netty.inbound.ProxyLimits;
import dev.localhome.adapters.netty.inbound.ConnectionLimitHandler;
import dev.localhome.adapters.netty.inbound.HeadDeadlineHandler;
import dev.localhome.adapters.netty.inbound.PipelineNames;
import dev.localhome.adapters.netty.routing.RequestRoutingHandler;
import dev.localhome.adapters.netty.routing.ProxyContext;

import dev.localhome.domain.routing.Arrival;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpServerCodec;

/** An accepted connection starts as plain HTTP/1.1 with size limits, routed request by request. */
public final class ProxyInitializer extends ChannelInitializer<SocketChannel> {
    private static final int MAX_CHUNK_SIZE = 64 * 1024;

    private final ProxyContext proxy;
    private final ConnectionLimitHandler connectionLimit;

    ProxyInitializer(ProxyContext proxy) {
        this.proxy = proxy;
        this.connectionLimit = new ConnectionLimitHandler(proxy.limits().maxConnections());
    }

    /**
     * HTTP/1.1 with size limits and strict parsing: bare LF line ends, {@code Content-Length} beside
     * {@code Transfer-Encoding}, differing duplicate lengths and invalid header names or values are malformed
     * requests (400), never guessed at, so no request can be smuggled past the backend's own parser.
     */
    public static HttpServerCodec newServerCodec(ProxyLimits limits) {
        return new HttpServerCodec(new HttpDecoderConfig()
                .setMaxInitialLineLength(limits.maxRequestLine())
                .setMaxHeaderSize(limits.maxHeaderBytes())
                .setMaxChunkSize(MAX_CHUNK_SIZE)
                .setStrictLineParsing(true)
                .setUseRfc9112TransferEncoding(true)
                .setAllowDuplicateContentLengths(false)
                .setValidateHeaders(true));
    }

    @Override
    protected void initChannel(SocketChannel channel) {
        ChannelPipeline pipeline = channel.pipeline();
        pipeline.addLast(PipelineNames.CONNECTION_LIMIT, connectionLimit);
        pipeline.addLast(PipelineNames.HEAD_DEADLINE, new HeadDeadlineHandler(proxy.limits()));
        pipeline.addLast(PipelineNames.HTTP, newServerCodec(proxy.limits()));
        pipeline.addLast(PipelineNames.ROUTER, new RequestRoutingHandler(proxy, Arrival.direct()));
    }
}
