package dev.localhome.adapters.netty.forward;

import dev.localhome.adapters.netty.inbound.PipelineNames;
import dev.localhome.adapters.netty.inspect.ExchangeRecord;
import dev.localhome.adapters.netty.relay.RelayHandler;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http2.Http2StreamChannel;
import io.netty.util.ReferenceCountUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The hand-off at a {@code 101}, on the backend connection in the response handler's place from the {@code 101}'s
 * head on (the head went to the client already, and reading paused). At the {@code 101}'s end, client and backend
 * drop HTTP and become a byte relay, and no byte either decoder already holds is lost, in this order:
 *
 * <ol>
 *   <li>the end goes to the client, flushed: the {@code 101} is encoded, the client's HTTP encoder can go (the
 *       upgrade hold left only an encoder; on an h2 stream a byte codec takes the HTTP codec's place, see
 *       {@code tunnel.ExtendedConnectHandler}), and the router gives way to a relay toward the backend;</li>
 *   <li>the backend's codec goes: what it read after the {@code 101} (a server that speaks first) passes on to the
 *       relay that takes this handler's place, toward the client: the first bytes the client gets after the
 *       {@code 101};</li>
 *   <li>the client's upgrade hold goes: what the client sent after its upgrade request passes to the relay toward
 *       the backend, before anything read later;</li>
 *   <li>both sides read again, each only after its previous write went out.</li>
 * </ol>
 *
 * A client that asked for no switch (no upgrade hold in its pipeline) cannot follow the backend: both close.
 */
final class ProtocolSwitchHandler extends ChannelInboundHandlerAdapter {
    private static final Logger log = LoggerFactory.getLogger(ProtocolSwitchHandler.class);

    private final Channel client;
    private final ExchangeRecord record;

    private ProtocolSwitchHandler(Channel client, ExchangeRecord record) {
        this.client = client;
        this.record = record;
    }

    /** At a {@code 101}'s head, which went to the client: reading pauses, and this handler takes the response's place. */
    static void takeOver(Channel backend, ChannelHandler response, Channel client, ExchangeRecord record) {
        backend.config().setAutoRead(false);
        backend.pipeline().replace(response, PipelineNames.PROTOCOL_SWITCH, new ProtocolSwitchHandler(client, record));
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof LastHttpContent end)) { // (a 101 has no body: its end comes right after its head)
            ReferenceCountUtil.release(msg);
            return;
        }
        record.responseBody(end.content().readableBytes());
        client.writeAndFlush(end);
        if (!client.isActive() || client.pipeline().get(PipelineNames.UPGRADE_HOLD) == null) {
            log.debug("[{}] the backend answered 101 to a request without Upgrade", client.id());
            record.ended();
            ctx.channel().close();
            client.close();
            return;
        }
        toRelay(ctx.channel());
    }

    private void toRelay(Channel backend) {
        record.switched(client); // the inspector counts WebSocket messages from here, as the relay passes them
        ChannelPipeline clientPipeline = client.pipeline();
        // An h2 stream stays framed: its DATA carries the bytes (RFC 8441). A socket is the bytes themselves.
        if (client instanceof Http2StreamChannel) clientPipeline.replace(PipelineNames.HTTP, PipelineNames.HTTP, new Http2StreamBytesCodec());
        else clientPipeline.remove(PipelineNames.HTTP);
        clientPipeline.replace(PipelineNames.ROUTER, PipelineNames.RELAY,
                new RelayHandler(backend, RelayHandler.OnEnd.HALF_CLOSE, record.towardBackend()));
        clientPipeline.remove(PipelineNames.FLOW_CONTROL); // one HTTP message per read: no more messages to come
        ChannelPipeline backendPipeline = backend.pipeline();
        backendPipeline.remove(PipelineNames.IDLE);
        backendPipeline.replace(this, PipelineNames.RELAY, new RelayHandler(client, RelayHandler.OnEnd.CLOSE, record.towardClient()));
        backendPipeline.remove(PipelineNames.HTTP_CLIENT); // its buffered bytes pass to the relay, toward the client
        clientPipeline.remove(PipelineNames.UPGRADE_HOLD); // what the client sent after its request: to the backend
        RelayHandler.start(client, backend);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        record.ended();
        client.close(); // the backend left before the switch was done
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        log.debug("[{}] backend failed during a protocol switch: {}", ctx.channel().id(), cause.toString());
        ctx.close();
    }
}
