package dev.localhome.adapters.netty.forward;

import dev.localhome.adapters.netty.inbound.PipelineNames;
import dev.localhome.adapters.netty.inbound.Channels;
import dev.localhome.adapters.netty.relay.RelayHandler;
import dev.localhome.adapters.netty.pages.ErrorPages;
import dev.localhome.adapters.netty.pages.Responses;

import dev.localhome.domain.forward.BackendFailure;
import dev.localhome.domain.forward.ForwardAttempt;
import dev.localhome.domain.forward.ForwardPlan;
import dev.localhome.domain.routing.Route;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http2.Http2StreamChannel;
import io.netty.util.ReferenceCountUtil;
import java.net.ConnectException;
import java.nio.channels.ClosedChannelException;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One request forwarded to a backend and its response streamed back. Bodies flow in both directions as they arrive;
 * each side reads only while the other can take more ({@code autoRead} follows the peer's writability). Both channels
 * share one event loop, so nothing here is volatile or locked.
 */
public final class ForwardExchange {
    /** Where the exchange is in its life; the pipeline takes over from {@link #SWITCHED} on. */
    private enum Phase {
        /** Waiting for a backend connection; the router's inbox holds the request body meanwhile. */
        CONNECTING,
        /** Request and response stream between client and backend. */
        EXCHANGING,
        /** A {@code 101} head was passed on; its end completes the switch. */
        SWITCHING,
        /** Both channels are a byte relay now: this exchange has nothing more to do. */
        SWITCHED,
        /** The response ended, the client left or the exchange failed. */
        DONE
    }

    private static final Logger log = LoggerFactory.getLogger(ForwardExchange.class);
    private static final Set<HttpMethod> REPLAYABLE = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS);

    private final ChannelHandlerContext client;
    private final ExchangeOwner router;
    private final ForwardContext proxy;
    private final HttpRequest request;
    private ForwardAttempt attempt; // the route, and what was tried already after failures
    private final HttpVersion clientVersion;
    private final boolean clientKeepAlive;
    private Channel backend;
    private BackendResponseHandler backendHandler;
    private boolean requestSent;
    private boolean bodySent;
    private boolean responseStarted;
    private boolean interimResponse;
    private boolean backendKeepAlive;
    private boolean closeClientAfter;
    private Phase phase = Phase.CONNECTING;

    public ForwardExchange(ChannelHandlerContext client, ExchangeOwner router, ForwardContext proxy, HttpRequest request,
                    Route.Forward route, boolean clientKeepAlive) {
        this.client = client;
        this.router = router;
        this.proxy = proxy;
        this.request = request;
        this.attempt = ForwardAttempt.first(route);
        this.clientVersion = request.protocolVersion();
        this.clientKeepAlive = clientKeepAlive;
    }

    public void start() {
        HeaderRewriter.forBackend(request, route().target(), route().rewrite(), client.channel().remoteAddress());
        // A task of its own, after the rest of this read: a browser that cancels a request right after sending it
        // (RST_STREAM in the same packet as HEADERS, on reload) has closed the stream by then, so the request costs
        // no backend connection at all; a pooled one would otherwise get it only to be closed mid-exchange. The
        // stream's channelInactive comes later still (Netty fires it in a task), hence isActive, not finished only.
        client.executor().execute(() -> {
            if (!finished() && client.channel().isActive()) connect();
        });
    }

    private void connect() {
        proxy.backends().acquire(route().service().endpoint(), client.channel(), attempt.retried()).whenComplete((channel, failure) ->
                Channels.onLoop(client.executor(), () -> {
                    if (failure != null) backendUnreachable(failure);
                    else attach(channel);
                }));
    }

    private Route.Forward route() {
        return attempt.route();
    }

    private boolean finished() {
        return phase == Phase.DONE || phase == Phase.SWITCHED;
    }

    private void attach(Channel channel) {
        if (finished()) {
            proxy.backends().release(channel, true);
            return;
        }
        backend = channel;
        phase = Phase.EXCHANGING;
        backendHandler = channel.pipeline().get(BackendResponseHandler.class);
        backendHandler.attach(this);
        backend.config().setAutoRead(client.channel().isWritable());
        inviteBody();
        backend.write(request);
        if (requestSent) backend.write(LastHttpContent.EMPTY_LAST_CONTENT); // a replay: the (empty) body went out before
        router.drain(client);
        backend.flush();
        router.updateReading(client);
    }

    /**
     * Answers {@code Expect: 100-continue} ourselves once the backend is connected, and forwards the request without
     * it: not every dev server sends {@code 100} (and a client waiting for one would stall the exchange), while a
     * dead backend still gets its {@code 502} before the client sends the body.
     */
    private void inviteBody() {
        if (!HttpUtil.is100ContinueExpected(request)) return;
        HttpUtil.set100ContinueExpected(request, false);
        client.writeAndFlush(new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.CONTINUE));
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
        if (content.content().isReadable()) bodySent = true;
        boolean last = content instanceof LastHttpContent;
        backend.writeAndFlush(content);
        if (last) requestSent = true;
        else if (!backend.isWritable()) router.updateReading(client);
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
        if (!responseStarted) proxy.backends().confirmProtocol(route().service().endpoint(), backend);
        responseStarted = true;
        int code = response.status().code();
        boolean upgrading = code == HttpResponseStatus.SWITCHING_PROTOCOLS.code();
        interimResponse = code >= 100 && code < 200 && !upgrading;
        if (upgrading) {
            phase = Phase.SWITCHING;
            backend.config().setAutoRead(false);
        } else if (!interimResponse) {
            backendKeepAlive = HttpUtil.isKeepAlive(response);
            closeClientAfter = HeaderRewriter.forClient(response, clientVersion, clientKeepAlive);
        }
        client.write(response);
    }

    private void onResponseContent(HttpContent content) {
        if (!(content instanceof LastHttpContent)) {
            client.write(content);
            return;
        }
        if (interimResponse) { // 100 Continue: the real response is still to come
            interimResponse = false;
            client.writeAndFlush(content);
            return;
        }
        if (phase == Phase.SWITCHING) {
            client.writeAndFlush(content); // the 101 is encoded now: the client's HTTP encoder can go
            phase = Phase.SWITCHED;
            switchProtocols();
            return;
        }
        // Finished before the write: the end of an h2 stream closes its channel inside this very call, and that
        // close must not count as a client gone mid-exchange (it would throw the backend connection away).
        phase = Phase.DONE;
        client.writeAndFlush(content);
        complete();
    }

    private void complete() {
        boolean reusable = backendKeepAlive && requestSent;
        backendHandler.detach();
        proxy.backends().release(backend, reusable);
        // A response that came before the whole request body leaves the client's stream mid-message: close it.
        router.exchangeFinished(client, !closeClientAfter && requestSent);
    }

    /**
     * After the {@code 101} went to the client, both sides drop HTTP and become a byte relay, and no byte either
     * decoder already holds is lost. Runs inside the backend decoder's read, in this order:
     *
     * <ol>
     *   <li>the client's HTTP encoder goes (the router's upgrade hold left only an encoder, and the {@code 101} went
     *       through it already; on an h2 stream, a byte codec takes the HTTP codec's place, see
     *       {@link ExtendedConnectHandler}), and the router gives way to a relay toward the backend;</li>
     *   <li>the backend's codec goes: what it read after the {@code 101} (a server that speaks first) passes on to
     *       the relay toward the client, the first bytes the client gets after the {@code 101};</li>
     *   <li>what the client sent after its upgrade request goes to the backend, before anything read later;</li>
     *   <li>both sides read again, each only after its previous write went out.</li>
     * </ol>
     */
    private void switchProtocols() {
        Optional<List<ByteBuf>> fromClient = router.takeUpgradeBytes();
        backendHandler.detach();
        if (fromClient.isEmpty()) { // the client asked for no upgrade: its connection cannot follow the backend
            log.debug("[{}] {} answered 101 to a request without Upgrade", client.channel().id(), route().service().name());
            backend.close();
            client.close();
            return;
        }
        Channel clientChannel = client.channel();
        ChannelPipeline clientPipeline = clientChannel.pipeline();
        // An h2 stream stays framed: its DATA carries the bytes (RFC 8441). A socket is the bytes themselves.
        if (clientChannel instanceof Http2StreamChannel) clientPipeline.replace(PipelineNames.HTTP, PipelineNames.HTTP, new Http2StreamBytesCodec());
        else clientPipeline.remove(PipelineNames.HTTP);
        clientPipeline.replace(PipelineNames.ROUTER, PipelineNames.RELAY, new RelayHandler(backend));
        ChannelPipeline backendPipeline = backend.pipeline();
        backendPipeline.remove(PipelineNames.IDLE);
        backendPipeline.replace(PipelineNames.RESPONSE, PipelineNames.RELAY, new RelayHandler(clientChannel, RelayHandler.OnEnd.CLOSE));
        backendPipeline.remove(PipelineNames.HTTP_CLIENT);
        for (ByteBuf early : fromClient.get()) backend.write(early);
        backend.flush();
        RelayHandler.start(clientChannel, backend);
    }

    void flushClient() {
        client.flush();
    }

    public void clientWritabilityChanged() {
        if (backend != null && phase == Phase.EXCHANGING) backend.config().setAutoRead(client.channel().isWritable());
    }

    void backendWritabilityChanged() {
        if (!finished()) router.updateReading(client);
    }

    public void clientClosed() {
        if (finished()) return;
        phase = Phase.DONE;
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
        if (responseStarted) {
            phase = Phase.DONE;
            client.close(); // never pass a cut-off body off as complete
            return;
        }
        boolean replayable = !bodySent && REPLAYABLE.contains(request.method());
        // Asked even when the request cannot be replayed: the next request then uses what the endpoint speaks.
        boolean otherProtocol = !reused && proxy.backends().reconsiderProtocol(route().service().endpoint(), lost);
        recover(new BackendFailure.LostBeforeAnswer(replayable, reused, otherProtocol, why));
    }

    private void backendUnreachable(Throwable failure) {
        if (finished()) return;
        recover(failure instanceof ConnectException ? new BackendFailure.Refused()
                : failure instanceof ClosedChannelException ? new BackendFailure.ClosedBeforeConnected()
                : new BackendFailure.Other(String.valueOf(failure)));
    }

    /** Asks the forwarding use case, through its port, what to do next; it may wait for a scan first. */
    private void recover(BackendFailure failure) {
        phase = Phase.CONNECTING;
        proxy.forwarder().afterFailure(attempt, failure).whenComplete((plan, error) -> Channels.onLoop(client.executor(), () -> {
            if (finished()) return; // the client left meanwhile
            follow(error == null ? plan : new ForwardPlan.GiveUp(String.valueOf(error)));
        }));
    }

    private void follow(ForwardPlan plan) {
        if (plan instanceof ForwardPlan.Retry) {
            log.debug("[{}] retrying {} on a fresh connection", client.channel().id(), request.uri());
            attempt = attempt.retry();
            connect();
        } else if (plan instanceof ForwardPlan.Relocate relocate) {
            // Nothing was sent yet: the request goes to where the service runs now, its head rewritten for that port.
            attempt = attempt.relocatedTo(relocate.route());
            HeaderRewriter.forBackend(request, route().target(), route().rewrite(), client.channel().remoteAddress());
            connect();
        } else {
            phase = Phase.DONE;
            replyBadGateway(((ForwardPlan.GiveUp) plan).why());
        }
    }

    private void replyBadGateway(String why) {
        log.debug("[{}] {} -> 502: {}", client.channel().id(), route().service().name(), why);
        Responses.send(client, ErrorPages.badGateway(route().service().name(), route().service().endpoint().toString(), why), false);
    }
}
