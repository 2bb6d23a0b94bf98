package dev.localhome.adapters.netty.tunnel;

import dev.localhome.adapters.netty.inbound.FirstBytes;
import dev.localhome.adapters.netty.inbound.PipelineNames;
import dev.localhome.domain.routing.Arrival;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * In front of [http] on every accepted connection: its first byte says whether the client opened TLS on the daemon's
 * own port ({@code https://app.localhost:9090/}). Plain HTTP: it leaves, and [http] reads those bytes. TLS, with a CA:
 * [tls] and [alpn] take the place of [http] and what follows it, as in an intercepted tunnel, with requests arriving
 * {@link Arrival#directOverTls() directly over TLS}, so they are routed by {@code Host}. TLS without a CA: a close
 * (nothing to serve TLS with), and one log line that says so. One listener, one socket: nothing is bridged.
 */
public final class OwnPortTlsDetector extends ByteToMessageDecoder {
    private static final Logger log = LoggerFactory.getLogger(OwnPortTlsDetector.class);
    /** Once per process: a browser retrying would otherwise fill the log with the same line. */
    private static final AtomicBoolean TOLD_NO_CA = new AtomicBoolean();
    /** What goes when TLS comes instead: ALPN installs its own. [exchanges] stays, as in an intercepted tunnel. */
    private static final List<String> PLAIN_LAYERS =
            List.of(PipelineNames.HTTP, PipelineNames.FLOW_CONTROL, PipelineNames.ROUTER);

    private final TunnelContext proxy;

    public OwnPortTlsDetector(TunnelContext proxy) {
        this.proxy = proxy;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (!in.isReadable()) return;
        if (!FirstBytes.isTlsHandshake(in)) {
            ctx.pipeline().remove(this); // the bytes go on to [http], in order
            return;
        }
        if (!proxy.tls().available()) {
            if (TOLD_NO_CA.compareAndSet(false, true))
                log.info("a TLS handshake reached the daemon's own port, but there is no CA to serve TLS with: closed "
                        + "(run 'localhome ca create' for https://<name>.localhost:<port>/)");
            in.skipBytes(in.readableBytes());
            ctx.close();
            return;
        }
        ChannelPipeline pipeline = ctx.pipeline();
        pipeline.addAfter(PipelineNames.EXCHANGES, PipelineNames.TLS, new OwnPortSni(proxy));
        pipeline.addAfter(PipelineNames.TLS, PipelineNames.ALPN, new AlpnHandler(proxy, Arrival.directOverTls()));
        for (String plain : PLAIN_LAYERS) if (pipeline.get(plain) != null) pipeline.remove(plain);
        pipeline.remove(this); // the ClientHello goes on to [tls]
    }
}
