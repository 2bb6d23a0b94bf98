package dev.localhome.adapters.netty;

import dev.localhome.domain.ServiceName;
import dev.localhome.domain.routing.Arrival;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.ssl.ApplicationProtocolNames;
import io.netty.handler.ssl.ApplicationProtocolNegotiationHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * After the TLS handshake of an intercepted tunnel, installs the HTTP layer the client and we agreed on by ALPN, in
 * front of the same routing handler that serves plain connections.
 */
final class AlpnHandler extends ApplicationProtocolNegotiationHandler {
    private static final Logger log = LoggerFactory.getLogger(AlpnHandler.class);

    private final ProxyContext proxy;
    private final ServiceName name;

    AlpnHandler(ProxyContext proxy, ServiceName name) {
        super(ApplicationProtocolNames.HTTP_1_1);
        this.proxy = proxy;
        this.name = name;
    }

    @Override
    protected void configurePipeline(ChannelHandlerContext ctx, String protocol) {
        if (!ApplicationProtocolNames.HTTP_1_1.equals(protocol)) {
            log.debug("[{}] unsupported application protocol '{}'", ctx.channel().id(), protocol);
            ctx.close();
            return;
        }
        ctx.pipeline().addLast(PipelineNames.HTTP, ProxyInitializer.newServerCodec(proxy.limits()));
        ctx.pipeline().addLast(PipelineNames.ROUTER, new RequestRoutingHandler(proxy, new Arrival.InTunnel(name, true)));
    }

    @Override
    protected void handshakeFailure(ChannelHandlerContext ctx, Throwable cause) {
        log.debug("[{}] TLS handshake for '{}' failed: {}", ctx.channel().id(), name, cause.toString());
        ctx.close();
    }
}
