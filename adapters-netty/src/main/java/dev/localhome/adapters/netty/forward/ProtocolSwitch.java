package dev.localhome.adapters.netty.forward;

import dev.localhome.adapters.netty.inbound.PipelineNames;
import dev.localhome.adapters.netty.inspect.ExchangeRecord;
import dev.localhome.adapters.netty.relay.RelayHandler;
import io.netty.channel.Channel;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http2.Http2StreamChannel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The hand-off at a {@code 101}: client and backend drop HTTP and become a byte relay, and no byte either decoder
 * already holds is lost. Runs inside the backend decoder's read, after the {@code 101} went to the client, in this
 * order:
 *
 * <ol>
 *   <li>the client's HTTP encoder goes (the upgrade hold left only an encoder, and the {@code 101} went
 *       through it already; on an h2 stream a byte codec takes the HTTP codec's place, see
 *       {@code tunnel.ExtendedConnectHandler}), and the router gives way to a relay toward the backend;</li>
 *   <li>the backend's codec goes: what it read after the {@code 101} (a server that speaks first) passes on to the
 *       relay toward the client, the first bytes the client gets after the {@code 101};</li>
 *   <li>the client's upgrade hold goes: what the client sent after its upgrade request passes to the relay toward
 *       the backend, before anything read later;</li>
 *   <li>both sides read again, each only after its previous write went out.</li>
 * </ol>
 */
final class ProtocolSwitch {
    private static final Logger log = LoggerFactory.getLogger(ProtocolSwitch.class);

    private ProtocolSwitch() {}

    /**
     * A client that asked for the switch has its upgrade hold in front of the router; one that asked for none cannot
     * follow the backend: both close.
     */
    static void toRelayIfAsked(Channel client, Channel backend, ExchangeRecord record) {
        if (client.pipeline().get(PipelineNames.UPGRADE_HOLD) == null) {
            log.debug("[{}] the backend answered 101 to a request without Upgrade", client.id());
            record.ended();
            backend.close();
            client.close();
            return;
        }
        toRelay(client, backend, record);
    }

    private static void toRelay(Channel client, Channel backend, ExchangeRecord record) {
        record.switched(client); // the inspector counts WebSocket messages from here, as the relay passes them
        ChannelPipeline clientPipeline = client.pipeline();
        // An h2 stream stays framed: its DATA carries the bytes (RFC 8441). A socket is the bytes themselves.
        if (client instanceof Http2StreamChannel) clientPipeline.replace(PipelineNames.HTTP, PipelineNames.HTTP, new Http2StreamBytesCodec());
        else clientPipeline.remove(PipelineNames.HTTP);
        clientPipeline.replace(PipelineNames.ROUTER, PipelineNames.RELAY,
                new RelayHandler(backend, RelayHandler.OnEnd.HALF_CLOSE, record.towardBackend()));
        ChannelPipeline backendPipeline = backend.pipeline();
        backendPipeline.remove(PipelineNames.IDLE);
        backendPipeline.replace(PipelineNames.RESPONSE, PipelineNames.RELAY, new RelayHandler(client, RelayHandler.OnEnd.CLOSE, record.towardClient()));
        backendPipeline.remove(PipelineNames.HTTP_CLIENT); // its buffered bytes pass to the relay, toward the client
        clientPipeline.remove(PipelineNames.UPGRADE_HOLD); // what the client sent after its request: to the backend
        RelayHandler.start(client, backend);
    }
}
