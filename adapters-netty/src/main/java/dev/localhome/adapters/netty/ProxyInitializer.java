package dev.localhome.adapters.netty;

import dev.localhome.adapters.netty.inbound.ConnectionLimitHandler;
import dev.localhome.adapters.netty.inbound.ExchangeTracker;
import dev.localhome.adapters.netty.inbound.HeadDeadlineHandler;
import dev.localhome.adapters.netty.inbound.OpenConnections;
import dev.localhome.adapters.netty.inbound.PipelineNames;
import dev.localhome.adapters.netty.inbound.QuietReclaim;
import dev.localhome.adapters.netty.inbound.ServerCodecs;
import dev.localhome.adapters.netty.routing.RequestRoutingHandler;
import dev.localhome.adapters.netty.routing.ProxyContext;
import dev.localhome.adapters.netty.tunnel.OwnPortTlsDetector;

import dev.localhome.domain.routing.Arrival;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.flow.FlowControlHandler;

/**
 * An accepted connection starts as plain HTTP/1.1 with size limits, routed request by request. Typed to any
 * {@link Channel}, not a socket, so that PipelineShapesTest can run it on an EmbeddedChannel.
 */
final class ProxyInitializer extends ChannelInitializer<Channel> {
    private final ProxyContext proxy;
    private final ConnectionLimitHandler connectionLimit;
    private final OpenConnections open;

    ProxyInitializer(ProxyContext proxy) {
        this(proxy, new OpenConnections());
    }

    /** @param open where each accepted connection is kept until it closes, for a graceful stop */
    ProxyInitializer(ProxyContext proxy, OpenConnections open) {
        this.proxy = proxy;
        this.connectionLimit = new ConnectionLimitHandler(proxy.limits().maxConnections());
        this.open = open;
    }

    @Override
    protected void initChannel(Channel channel) {
        open.accepted(channel);
        QuietReclaim.activity();
        ChannelPipeline pipeline = channel.pipeline();
        pipeline.addLast(PipelineNames.CONNECTION_LIMIT, connectionLimit);
        pipeline.addLast(PipelineNames.HEAD_DEADLINE, new HeadDeadlineHandler(proxy.limits()));
        pipeline.addLast(PipelineNames.FIRST_BYTE, new OwnPortTlsDetector(proxy)); // TLS on this same port, or not
        pipeline.addLast(PipelineNames.HTTP, ServerCodecs.newServerCodec(proxy.limits()));
        pipeline.addLast(PipelineNames.EXCHANGES, new ExchangeTracker());
        pipeline.addLast(PipelineNames.FLOW_CONTROL, new FlowControlHandler());
        pipeline.addLast(PipelineNames.ROUTER, new RequestRoutingHandler(proxy, Arrival.direct()));
    }
}
