package dev.localhome.adapters.netty.tunnel;

import dev.localhome.adapters.netty.inbound.PipelineNames;
import dev.localhome.adapters.netty.inbound.QuietReclaim;

import dev.localhome.domain.ServiceName;
import dev.localhome.domain.routing.Arrival;
import io.netty.handler.flow.FlowControlHandler;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;

/**
 * Each HTTP/2 stream of an intercepted tunnel is a child channel that speaks HTTP/1 objects to the very routing and
 * forwarding handlers plain connections use; toward the backend it is HTTP/1.1 on a pooled connection. A stream's
 * {@code autoRead} and writability follow its own flow-control window, so a slow stream slows only its backend.
 * Typed to any {@link Channel} (Http2MultiplexHandler gives it stream channels), so a test can run it on an
 * EmbeddedChannel.
 */
final class Http2StreamInitializer extends ChannelInitializer<Channel> {
    private final TunnelContext proxy;
    private final Arrival arrival;

    Http2StreamInitializer(TunnelContext proxy, ServiceName name) {
        this(proxy, new Arrival.InTunnel(name, true));
    }

    Http2StreamInitializer(TunnelContext proxy, Arrival arrival) {
        this.proxy = proxy;
        this.arrival = arrival;
    }

    @Override
    protected void initChannel(Channel stream) {
        QuietReclaim.activity(); // an h2 request: each is a stream of its own
        if (proxy.limits().http2WebSockets()) stream.pipeline().addLast(PipelineNames.EXTENDED_CONNECT, new ExtendedConnectHandler());
        stream.pipeline()
                .addLast(PipelineNames.HTTP, new Http2StreamHttpCodec())
                .addLast(PipelineNames.FLOW_CONTROL, new FlowControlHandler())
                .addLast(PipelineNames.ROUTER, proxy.router(arrival));
    }
}
