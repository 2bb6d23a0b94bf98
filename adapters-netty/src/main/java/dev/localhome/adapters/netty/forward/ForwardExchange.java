package dev.localhome.adapters.netty.forward;

import dev.localhome.adapters.netty.inbound.Channels;
import dev.localhome.adapters.netty.inspect.ExchangeRecord;
import dev.localhome.adapters.netty.pages.ErrorPages;
import dev.localhome.adapters.netty.pages.Responses;

import dev.localhome.domain.forward.BackendFailure;
import dev.localhome.domain.forward.ForwardPlan;
import dev.localhome.domain.routing.Route;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http2.Http2StreamChannel;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One request forwarded to a backend and its response streamed back. Bodies flow in both directions as they arrive;
 * each side reads only while the other can take more ({@code autoRead} follows the peer's writability). Both channels
 * share one event loop, so nothing here is volatile or locked.
 */
public final class ForwardExchange {
    private static final Logger log = LoggerFactory.getLogger(ForwardExchange.class);
    private static final Set<HttpMethod> REPLAYABLE = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS);

    private final ChannelHandlerContext client;
    private final ExchangeOwner router;
    private final ForwardContext proxy;
    private final HttpRequest request;
    private final ExchangeRecord record; // what the inspector shows of this exchange
    private final ExchangeRecovery recovery; // the route, what was tried already, and what to do after a failure
    private final HttpVersion clientVersion;
    private final boolean clientKeepAlive;
    private Channel backend;
    private BackendResponseHandler backendHandler;
    private RequestProgress sent = RequestProgress.HEAD;
    private ResponseProgress answer = ResponseProgress.NONE;
    private boolean backendKeepAlive;
    private boolean closeClientAfter;
    private ExchangePhase phase = ExchangePhase.CONNECTING;

    public ForwardExchange(ChannelHandlerContext client, ExchangeOwner router, ForwardContext proxy, HttpRequest request,
                    Route.Forward route, boolean clientKeepAlive, ExchangeRecord record) {
        this.client = client;
        this.record = record;
        this.router = router;
        this.proxy = proxy;
        this.request = request;
        this.recovery = new ExchangeRecovery(proxy.forwarder(), client.executor(), route, this::finished, this::follow);
        this.clientVersion = request.protocolVersion();
        this.clientKeepAlive = clientKeepAlive;
    }

    public void start() {
        HeaderRewriter.forBackend(request, route().target(), route().rewrite(), client.channel().remoteAddress());
        if (!(client.channel() instanceof Http2StreamChannel)) {
            connect();
            return;
        }
        // An h2 stream connects in a task of its own, after the rest of this read: a browser that cancels a request
        // right after sending it (RST_STREAM in the same packet as HEADERS, on reload) has closed the stream by then,
        // so the request costs no backend connection at all. The stream's channelInactive comes later still (Netty
        // fires it in a task), hence isActive, not finished only. HTTP/1.1 has no such cancel: it connects at once.
        client.executor().execute(() -> {
            if (!finished() && client.channel().isActive()) connect();
        });
    }

    private void connect() {
        proxy.backends().acquire(route().service().endpoint(), client.channel(), recovery.retried()).whenComplete((channel, failure) ->
                Channels.onLoop(client.executor(), () -> {
                    if (failure == null) attach(channel);
                    else if (!finished()) waitFor(() -> recovery.connectFailed(failure));
                }));
    }

    private Route.Forward route() {
        return recovery.route();
    }

    private boolean finished() {
        return phase == ExchangePhase.DONE || phase == ExchangePhase.SWITCHED;
    }

    private void attach(Channel channel) {
        if (finished()) {
            proxy.backends().release(channel, true);
            return;
        }
        backend = channel;
        phase = ExchangePhase.EXCHANGING;
        backendHandler = channel.pipeline().get(BackendResponseHandler.class);
        backendHandler.attach(this);
        backend.config().setAutoRead(client.channel().isWritable());
        ContinueInvitation.answerFor(request, client);
        backend.write(request);
        if (sent.ended()) backend.write(LastHttpContent.EMPTY_LAST_CONTENT); // a replay: the (empty) body went out before
        router.drain(client);
        backend.flush();
        router.updateReading(client);
    }

    /** Whether the client may send more body now: until the backend is connected, the router's inbox holds it. */
    public boolean canTakeMoreBody() {
        return backend == null || backend.isWritable();
    }

    /** Whether body content can go out now (the backend is connected), or be dropped (the exchange ended early). */
    public boolean acceptsRequestBody() {
        return backend != null || finished();
    }

    public void sendRequestContent(HttpContent content) {
        if (finished() || backend == null) {
            content.release();
            return;
        }
        boolean body = sent == RequestProgress.BODY || content.content().isReadable();
        boolean last = content instanceof LastHttpContent;
        record.requestBody(content.content().readableBytes());
        backend.writeAndFlush(content);
        sent = last ? (body ? RequestProgress.ENDED : RequestProgress.ENDED_EMPTY) : (body ? RequestProgress.BODY : sent);
        if (!last && !backend.isWritable()) router.updateReading(client);
    }

    void onBackendMessage(Object msg) {
        if (finished()) {
            ReferenceCountUtil.release(msg);
            return;
        }
        if (msg instanceof HttpResponse response) {
            onResponseHead(response);
            if (finished() || backend == null) return; // the head was not HTTP and the exchange moved on
        }
        // Raw bytes never reach us: the codec's removal at the switch passes them straight to the relay.
        if (msg instanceof HttpContent content) onResponseContent(content);
        else if (!(msg instanceof HttpResponse)) ReferenceCountUtil.release(msg);
    }

    private void onResponseHead(HttpResponse response) {
        if (response.decoderResult().isFailure()) { // not HTTP: maybe a TLS alert from a backend that speaks HTTPS
            ReferenceCountUtil.release(response);
            backendLost("it did not answer in HTTP");
            return;
        }
        if (!answer.started()) proxy.backends().confirmProtocol(route().service().endpoint(), backend);
        record.responseHead(response);
        int code = response.status().code();
        boolean upgrading = code == HttpResponseStatus.SWITCHING_PROTOCOLS.code();
        boolean interim = code >= 100 && code < 200 && !upgrading;
        answer = interim ? ResponseProgress.INTERIM : ResponseProgress.FINAL;
        if (upgrading) {
            phase = ExchangePhase.SWITCHING;
            backend.config().setAutoRead(false);
        } else if (!interim) {
            backendKeepAlive = HttpUtil.isKeepAlive(response);
            closeClientAfter = HeaderRewriter.forClient(response, clientVersion, clientKeepAlive);
        }
        client.write(response);
    }

    private void onResponseContent(HttpContent content) {
        record.responseBody(content.content().readableBytes());
        if (!(content instanceof LastHttpContent)) {
            client.write(content);
            return;
        }
        if (answer == ResponseProgress.INTERIM) { // 100 Continue: the real response is still to come
            answer = ResponseProgress.AWAITING_FINAL;
            client.writeAndFlush(content);
            return;
        }
        if (phase == ExchangePhase.SWITCHING) {
            client.writeAndFlush(content); // the 101 is encoded now: the client's HTTP encoder can go
            phase = ExchangePhase.SWITCHED;
            switchProtocols();
            return;
        }
        // Finished before the write: the end of an h2 stream closes its channel inside this very call, and that
        // close must not count as a client gone mid-exchange (it would throw the backend connection away).
        phase = ExchangePhase.DONE;
        record.ended();
        client.writeAndFlush(content);
        complete();
    }

    private void complete() {
        boolean reusable = backendKeepAlive && sent.ended();
        backendHandler.detach();
        proxy.backends().release(backend, reusable);
        // A response that came before the whole request body leaves the client's stream mid-message: close it.
        router.exchangeFinished(client, !closeClientAfter && sent.ended());
    }

    /** After the {@code 101} went to the client: a byte relay, when the client asked for the switch. */
    private void switchProtocols() {
        backendHandler.detach();
        ProtocolSwitch.toRelayIfAsked(client.channel(), backend, record);
    }

    void flushClient() {
        client.flush();
    }

    public void clientWritabilityChanged() {
        if (backend != null && phase == ExchangePhase.EXCHANGING) backend.config().setAutoRead(client.channel().isWritable());
    }

    void backendWritabilityChanged() {
        if (!finished()) router.updateReading(client);
    }

    public void clientClosed() {
        if (finished()) return;
        phase = ExchangePhase.DONE;
        record.ended(); // the client left: done, with whatever status came
        if (backend != null) {
            backendHandler.detach();
            backend.close(); // mid-exchange: the connection is in an unknown state
        }
    }

    void backendClosed() {
        if (!finished()) backendLost("it closed the connection without answering");
    }

    /** The backend connection failed: a cut-off response closes the client; before any answer, ask what to do. */
    private void backendLost(String why) {
        Channel lost = backend;
        boolean reused = backendHandler.reused();
        backendHandler.detach();
        backend = null;
        lost.close();
        if (answer.started()) {
            phase = ExchangePhase.DONE;
            record.ended();
            client.close(); // never pass a cut-off body off as complete
            return;
        }
        boolean replayable = sent.withoutBody() && REPLAYABLE.contains(request.method());
        // Asked even when the request cannot be replayed: the next request then uses what the endpoint speaks.
        boolean otherProtocol = !reused && proxy.backends().reconsiderProtocol(route().service().endpoint(), lost);
        waitFor(() -> recovery.recover(new BackendFailure.LostBeforeAnswer(replayable, reused, otherProtocol, why)));
    }

    /** Waits, without a backend connection, for the recovery's plan. */
    private void waitFor(Runnable askRecovery) {
        phase = ExchangePhase.CONNECTING;
        askRecovery.run();
    }

    private void follow(ForwardPlan plan) {
        if (plan instanceof ForwardPlan.GiveUp giveUp) {
            replyBadGateway(giveUp.why());
            return;
        }
        log.debug("[{}] {} again, to {}", client.channel().id(), request.uri(), route().service().endpoint());
        // Nothing was sent yet: a relocated request's head is rewritten for the service's new port.
        if (plan instanceof ForwardPlan.Relocate)
            HeaderRewriter.forBackend(request, route().target(), route().rewrite(), client.channel().remoteAddress());
        connect();
    }

    private void replyBadGateway(String why) {
        phase = ExchangePhase.DONE;
        log.debug("[{}] {} -> 502: {}", client.channel().id(), route().service().name(), why);
        FullHttpResponse page = ErrorPages.badGateway(route().service().name(), route().service().endpoint().toString(), why);
        record.answeredByLocalhome(page);
        Responses.send(client, page, false);
    }
}
