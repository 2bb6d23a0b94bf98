package dev.localhome.adapters.netty.backend;

import dev.localhome.adapters.netty.inbound.PipelineNames;
import dev.localhome.domain.Endpoint;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelInitializer;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.timeout.IdleStateHandler;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * HTTP/1.1 toward the backend, over TLS when given a context; quiet pooled connections are evicted after
 * {@value BackendPool#IDLE_SECONDS} s; a request's wait for its response head is bounded ({@link ResponseDeadline}).
 */
final class HttpBackendInitializer extends ChannelInitializer<Channel> {
    private static final long HANDSHAKE_TIMEOUT_MILLIS = 3_000;
    private final SslContext tls;
    private final Endpoint endpoint;
    private final Supplier<ChannelHandler> responses;
    private final Duration answerWithin;

    /**
     * @param responses    the last handler, which hands what the backend says to the exchange it serves
     * @param answerWithin longest wait for a response head once a request went out
     */
    HttpBackendInitializer(SslContext tlsOrNull, Endpoint endpoint, Supplier<ChannelHandler> responses, Duration answerWithin) {
        this.tls = tlsOrNull;
        this.endpoint = endpoint;
        this.responses = responses;
        this.answerWithin = answerWithin;
    }

    @Override
    protected void initChannel(Channel channel) {
        if (tls != null) {
            SslHandler handler = tls.newHandler(channel.alloc(), "localhost", endpoint.port());
            handler.setHandshakeTimeoutMillis(HANDSHAKE_TIMEOUT_MILLIS);
            channel.pipeline().addLast(PipelineNames.TLS, handler);
        }
        channel.pipeline()
                .addLast(PipelineNames.IDLE, new IdleStateHandler(0, 0, BackendPool.IDLE_SECONDS, TimeUnit.SECONDS))
                .addLast(PipelineNames.HTTP_CLIENT, new HttpClientCodec(8 * 1024, 64 * 1024, 64 * 1024))
                .addLast(PipelineNames.RESPONSE_DEADLINE, new ResponseDeadline(answerWithin))
                .addLast(PipelineNames.WEBSOCKET_GOODBYE, new WebSocketGoodbye())
                .addLast(PipelineNames.RESPONSE, responses.get());
    }
}
