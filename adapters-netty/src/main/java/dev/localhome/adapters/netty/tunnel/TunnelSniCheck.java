package dev.localhome.adapters.netty.tunnel;

import dev.localhome.adapters.netty.inbound.PipelineNames;

import dev.localhome.domain.ServiceName;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.ssl.SniHandler;
import io.netty.handler.ssl.SslContext;
import javax.net.ssl.SSLHandshakeException;

/**
 * Reads the ClientHello of an intercepted tunnel before any TLS happens, and lets the handshake go on only when its
 * SNI names the tunnel's host, or names none (the JDK sends none for dot-free names). A tunnel opened for
 * {@code app} is never a way to ask for another host's handshake. Replaces itself with the SslHandler.
 */
final class TunnelSniCheck extends SniHandler {
    TunnelSniCheck(ServiceName name, SslContext context) {
        super((String hostname, io.netty.util.concurrent.Promise<SslContext> promise) ->
                hostname == null || hostname.equalsIgnoreCase(name.value()) ? promise.setSuccess(context)
                        : promise.setFailure(new SSLHandshakeException(
                                "SNI '" + hostname + "' in a tunnel for '" + name.value() + "'")));
    }

    @Override
    protected void replaceHandler(ChannelHandlerContext ctx, String hostname, SslContext context) {
        ctx.pipeline().replace(this, PipelineNames.TLS, newSslHandler(context, ctx.alloc()));
    }
}
