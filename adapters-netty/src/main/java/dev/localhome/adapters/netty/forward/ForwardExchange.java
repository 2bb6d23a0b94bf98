package dev.localhome.adapters.netty.forward;

import dev.localhome.adapters.netty.inspect.ExchangeRecord;
import dev.localhome.domain.forward.ForwardPlan;
import dev.localhome.domain.routing.Route;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.util.ReferenceCountUtil;
import java.time.Duration;

/**
 * One request forwarded to a backend and its response streamed back. Bodies flow in both directions as they arrive;
 * each side reads only while the other can take more ({@code autoRead} follows the peer's writability). Both channels
 * share one event loop, so nothing here is volatile or locked.
 */
public final class ForwardExchange {
    private final ChannelHandlerContext client;
    private final ExchangeOwner router;
    private final ForwardContext proxy;
    private final HttpRequest request;
    private final ExchangeRecord record; // what the inspector shows of this exchange
    private final ExchangeRecovery recovery; // the route, what was tried already, and what to do after a failure
    private final ResponseStream answer; // the backend's answer, as it goes to the client
    private final BackendRequest connection; // the wait for a backend connection, maybe in the pool's queue
    private Channel backend;
    private BackendResponseHandler backendHandler;
    private RequestStream sent; // the request, as far as it went out
    private ExchangePhase phase = ExchangePhase.CONNECTING;

    public ForwardExchange(ChannelHandlerContext client, ExchangeOwner router, ForwardContext proxy, HttpRequest request,
                    Route.Forward route, boolean clientKeepAlive, ExchangeRecord record) {
        this.client = client;
        this.record = record;
        this.router = router;
        this.proxy = proxy;
        this.request = request;
        this.recovery = new ExchangeRecovery(proxy, client, request, record, route, this::finished, this::follow);
        this.answer = new ResponseStream(client, record, request.protocolVersion(), clientKeepAlive);
        this.connection = new BackendRequest(client, this::attach, failure -> { if (!finished()) recovery.connectFailed(failure); });
    }

    /** @param requestEnded whether the request came whole (an h2 request without a body): no content follows */
    public void start(boolean requestEnded) {
        sent = new RequestStream(record, requestEnded);
        recovery.rewriteHead();
        connection.first(proxy.backends(), recovery.route().service().endpoint(), this::finished);
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
        sent.afterHead(backend); // came whole, or a replay of an empty body
        backend.flush(); // the wait for the backend's answer starts here (ResponseDeadline), and ends at its head
        router.updateReading(client);
    }

    /** Whether the client may send more body now: not before the backend is connected, nor while it is not writable. */
    public boolean canTakeMoreBody() {
        return finished() || (backend != null && backend.isWritable());
    }

    public void sendRequestContent(HttpContent content) {
        if (finished() || backend == null) {
            content.release();
            return;
        }
        if (!sent.send(backend, content) && !backend.isWritable()) router.updateReading(client);
    }

    void onBackendMessage(Object msg) {
        if (finished()) {
            ReferenceCountUtil.release(msg);
            return;
        }
        if (msg instanceof HttpResponse response && response.decoderResult().isFailure()) {
            ReferenceCountUtil.release(response); // not HTTP: maybe a TLS alert from a backend that speaks HTTPS
            backendLost("it did not answer in HTTP");
            return;
        }
        if (msg instanceof HttpResponse response) {
            proxy.backends().headReceived(backend, response);
            if (answer.head(response)) { // a 101: its end, and what follows, belong to the hand-off
                phase = ExchangePhase.SWITCHED;
                backendHandler.detach();
                ProtocolSwitchHandler.takeOver(backend, backendHandler, client.channel(), record);
                return;
            }
        }
        // Raw bytes never reach us: the codec's removal at the switch passes them straight to the relay.
        if (!(msg instanceof HttpContent content)) {
            if (!(msg instanceof HttpResponse)) ReferenceCountUtil.release(msg);
            return;
        }
        if (answer.ends(content)) {
            answer.end(content, () -> {
                phase = ExchangePhase.DONE;
                record.ended();
            });
            complete();
        } else {
            answer.content(content);
        }
    }

    private void complete() {
        boolean reusable = answer.backendReusable() && sent.ended();
        backendHandler.detach();
        proxy.backends().release(backend, reusable);
        // A response before the whole request body leaves the client mid-message: a lingering close, past its body.
        router.exchangeFinished(client, !sent.ended() ? AfterResponse.CLOSE_MID_REQUEST
                : answer.closesClient() ? AfterResponse.CLOSE : AfterResponse.KEEP_OPEN);
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
        connection.cancel(); // still waiting for a connection, maybe in the pool's queue: it leaves it
        if (backend != null) {
            backendHandler.detach();
            backend.close(); // mid-exchange: the connection is in an unknown state
        }
    }

    /** No response head in time: a {@code 504}; the backend connection, in an unknown state, closes. */
    void backendTimedOut(Duration waited) {
        if (finished() || answer.started()) return;
        phase = ExchangePhase.DONE;
        backendHandler.detach();
        backend.close();
        recovery.timedOut(waited);
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
        phase = ExchangePhase.CONNECTING; // waits, without a backend connection, for the recovery's plan
        recovery.lostBeforeAnswer(lost, reused, sent.progress(), why);
    }

    /** The recovery's plan: another attempt (its head rewritten already when it moved), or a 502 on its way. */
    private void follow(ForwardPlan plan) {
        if (plan instanceof ForwardPlan.GiveUp) phase = ExchangePhase.DONE;
        else connection.ask(proxy.backends(), recovery.route().service().endpoint(), recovery.retried());
    }
}
