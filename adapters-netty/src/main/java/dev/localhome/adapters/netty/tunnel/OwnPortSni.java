package dev.localhome.adapters.netty.tunnel;

import dev.localhome.adapters.netty.inbound.PipelineNames;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.ssl.SniHandler;
import io.netty.handler.ssl.SslContext;
import io.netty.util.concurrent.Promise;
import java.util.Optional;
import javax.net.ssl.SSLHandshakeException;

/**
 * Reads the ClientHello of a TLS connection to the daemon's own port, asks which leaf its SNI gets (only a host that
 * routes gets one: {@code OwnPortCertificate}), and replaces itself with the SslHandler for that leaf. A host that
 * routes nowhere gets no certificate: the handshake fails and [alpn] closes the connection.
 */
final class OwnPortSni extends SniHandler {
    OwnPortSni(TunnelContext proxy) {
        super((String hostname, Promise<SslContext> promise) -> {
            proxy.tunnels().ownPortLeaf(Optional.ofNullable(hostname)).whenComplete((leaf, failure) -> {
                if (failure != null) promise.tryFailure(failure);
                else if (leaf.isEmpty())
                    promise.tryFailure(new SSLHandshakeException("SNI '" + hostname + "' names no service here"));
                else proxy.tls().forName(leaf.get()).whenComplete((context, mintFailure) -> {
                    if (mintFailure != null) promise.tryFailure(mintFailure);
                    else promise.trySuccess(context);
                });
            });
            return promise;
        });
    }

    @Override
    protected void replaceHandler(ChannelHandlerContext ctx, String hostname, SslContext context) {
        ctx.pipeline().replace(this, PipelineNames.TLS, newSslHandler(context, ctx.alloc()));
    }
}
