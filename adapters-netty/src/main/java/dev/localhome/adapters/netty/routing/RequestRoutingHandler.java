package dev.localhome.adapters.netty.routing;

import dev.localhome.adapters.netty.inbound.HeadDeadlineHandler;
import dev.localhome.adapters.netty.inbound.Channels;
import dev.localhome.adapters.netty.inbound.PipelineNames;
import dev.localhome.adapters.netty.forward.ExchangeOwner;
import dev.localhome.adapters.netty.forward.ForwardExchange;
import dev.localhome.adapters.netty.forward.HeaderRewriter;
import dev.localhome.adapters.netty.inspect.ExchangeRecord;
import dev.localhome.adapters.netty.tunnel.TunnelSetupHandler;
import dev.localhome.adapters.netty.pages.ErrorPages;
import dev.localhome.adapters.netty.pages.Responses;

import dev.localhome.domain.routing.Arrival;
import dev.localhome.domain.routing.RequestHead;
import dev.localhome.domain.routing.Route;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.DefaultLastHttpContent;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http2.Http2StreamChannel;
import io.netty.util.ReferenceCountUtil;
import java.util.ArrayDeque;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Routes each request of an HTTP/1.1 connection: asks the routing use case where it goes, then answers it locally,
 * forwards it to a backend, or hands the connection to the tunnel set-up on {@code CONNECT}.
 *
 * <p>One request at a time: reading pauses while a request is being decided or answered, so pipelined requests wait
 * their turn in {@link #inbox} and responses leave in order. All state is touched on the channel's event loop only.
 */
public final class RequestRoutingHandler extends ChannelInboundHandlerAdapter implements ExchangeOwner {
    private static final Logger log = LoggerFactory.getLogger(RequestRoutingHandler.class);

    private final ProxyContext proxy;
    private final Arrival arrival;
    private static final int MAX_QUEUED = 16; // messages waiting for their turn before reading pauses

    private final ArrayDeque<HttpObject> inbox = new ArrayDeque<>();
    private boolean deciding;
    private boolean discardingBody;
    private ForwardExchange exchange;
    private boolean holdReading;
    private final UpgradeWatch upgrades = new UpgradeWatch();
    private HeadDeadlineHandler deadline;
    private long headNanos; // when the current request's head arrived: the inspector's times start there

    public RequestRoutingHandler(ProxyContext proxy, Arrival arrival) {
        this.proxy = proxy;
        this.arrival = arrival;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        deadline = ctx.pipeline().get(HeadDeadlineHandler.class);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof HttpObject object)) {
            ReferenceCountUtil.release(msg);
            return;
        }
        if (object instanceof FullHttpRequest whole && whole.decoderResult().isSuccess()) {
            // h2 delivers a body-less request whole; as head + end of body it takes the same path as HTTP/1.1's
            // (a backend connection is reusable only once the request's end has gone out). A whole request that
            // failed to decode is the HTTP/1.1 codec's report of a bad head: it goes on as it is, to be rejected.
            inbox.add(new DefaultHttpRequest(whole.protocolVersion(), whole.method(), whole.uri(), whole.headers()));
            inbox.add(new DefaultLastHttpContent(whole.content(), whole.trailingHeaders()));
        } else {
            inbox.add(object);
        }
        // After an upgrade request's end nothing more is read, and no byte is decoded as HTTP, until the backend
        // answers: after a 101 those bytes belong to the new protocol.
        if (upgrades.read(object, ctx.pipeline())) {
            holdReading = true;
            ctx.channel().config().setAutoRead(false);
        }
        drain(ctx);
        updateReading(ctx);
    }

    /**
     * Reads on while the inbox has room and the backend takes the body as fast as it comes; pauses otherwise. Called
     * whenever one of those changes; {@code setAutoRead} with an unchanged value costs nothing.
     */
    @Override
    public void updateReading(ChannelHandlerContext ctx) {
        boolean read = !holdReading && inbox.size() < MAX_QUEUED && (exchange == null || exchange.canTakeMoreBody());
        ctx.channel().config().setAutoRead(read);
    }

    /** Takes messages from the inbox for as long as the current request lets them through. */
    @Override
    public void drain(ChannelHandlerContext ctx) {
        while (!inbox.isEmpty() && !ctx.isRemoved()) {
            HttpObject next = inbox.peek();
            if (next instanceof HttpRequest request) {
                if (deciding || exchange != null || discardingBody) return;
                inbox.poll();
                begin(ctx, request);
            } else {
                if (deciding || (exchange != null && !exchange.acceptsRequestBody())) return;
                inbox.poll();
                HttpContent content = (HttpContent) next;
                if (discardingBody) {
                    discardingBody = !(content instanceof LastHttpContent);
                    content.release();
                } else if (exchange != null) {
                    exchange.sendRequestContent(content); // an upgrade request's end set its hold as it was read
                } else {
                    content.release();
                }
            }
        }
    }

    private void begin(ChannelHandlerContext ctx, HttpRequest request) {
        headNanos = System.nanoTime();
        if (deadline != null) deadline.headReceived();
        if (request.decoderResult().isFailure()) {
            rejectMalformed(ctx, request, request.decoderResult().cause());
            return;
        }
        if (request.headers().size() > proxy.limits().maxHeaderFields()) {
            rejectMalformed(ctx, request, new TooLongHttpHeaderException(
                    "more than " + proxy.limits().maxHeaderFields() + " header fields"));
            return;
        }
        // What follows a CONNECT is not HTTP: the codec must not read it (an upgrade request's end is held as it is
        // read). Other requests keep the connection reading (no epoll change per request); the inbox bounds what waits.
        if (request.method().equals(HttpMethod.CONNECT)) {
            holdReading = true;
            ctx.channel().config().setAutoRead(false);
        }
        RequestHead head = RequestHeads.of(request);
        if (request.method().equals(HttpMethod.CONNECT) && arrival instanceof Arrival.Direct) {
            Optional<Route> refused = proxy.routing().screen(head); // two Hosts, or a loop: not even a tunnel
            if (refused.isPresent()) act(ctx, request, refused.get());
            else TunnelSetupHandler.takeOver(ctx, proxy, request.uri());
            return;
        }
        deciding = true;
        proxy.routing().route(head, arrival).whenComplete((route, failure) -> Channels.onLoop(ctx.executor(), () -> {
            deciding = false;
            if (failure != null) {
                log.warn("[{}] routing {} failed", ctx.channel().id(), request.uri(), failure);
                act(ctx, request, new Route.BadRequest("internal routing error"));
            } else {
                act(ctx, request, route);
            }
            drain(ctx);
        }));
    }

    private void act(ChannelHandlerContext ctx, HttpRequest request, Route route) {
        log.debug("[{}] {} {} -> {}", ctx.channel().id(), request.method(), request.uri(), route);
        // After a refused CONNECT come tunnel bytes, not HTTP; and a loop's every hop closes, so no pooled
        // connection of the loop outlives it.
        boolean keepAlive = HttpUtil.isKeepAlive(request) && !request.method().equals(HttpMethod.CONNECT)
                && !(route instanceof Route.LoopDetected);
        if (route instanceof Route.Forward forward) {
            // recorded as the client sent it, before the head is rewritten for the backend
            ExchangeRecord record = ExchangeRecord.forward(proxy.requests(), headNanos, forward.service().name().value(),
                    request, forward.target(), arrival, ctx.channel() instanceof Http2StreamChannel);
            HeaderRewriter.addVia(request, proxy.routing().policy().self());
            exchange = new ForwardExchange(ctx, this, proxy, request, forward, keepAlive, record);
            exchange.start();
            return;
        }
        if (route instanceof Route.CloseSilently) {
            // A CONNECT inside a tunnel, or a name we do not serve: no bytes, so the browser goes DIRECT.
            discardInbox();
            ctx.close();
            return;
        }
        // Only a backend switches protocols: an h2c or WebSocket upgrade asked of us is declined, so nothing after
        // it needs holding (this may run before the request's end is read, when the answer is at hand).
        upgrades.notNeeded();
        Optional<ChannelHandler> stream = proxy.pages().eventStream(request, route);
        if (stream.isPresent()) { // /api/requests/stream: the connection is that stream from now on
            discardInbox();
            holdReading = false;
            ctx.pipeline().replace(this, PipelineNames.EVENT_STREAM, stream.get());
            ctx.channel().config().setAutoRead(true); // reading on, so a client that leaves is noticed at once
            return;
        }
        discardingBody = !(request instanceof LastHttpContent);
        // Completes on this event loop, at once or after a fresh scan (dashboard, API); until then the inbox waits,
        // so pipelined requests are still answered in order.
        deciding = true;
        proxy.pages().respond(ctx, request, route).thenAccept(response -> {
            deciding = false;
            // The daemon's own pages are not recorded: the dashboard's polling and its /api/requests stream would
            // fill the record with themselves. Every other answer of localhome's (404, 302, 421, 508, ...) is.
            if (!(route instanceof Route.Local))
                ExchangeRecord.answeredLocally(proxy.requests(), headNanos, AskedName.of(request, route, arrival), request,
                        arrival, ctx.channel() instanceof Http2StreamChannel, response);
            Responses.send(ctx, response, keepAlive).addListener(done -> resumeAfterLocalResponse(ctx));
            drain(ctx);
        });
    }

    private void resumeAfterLocalResponse(ChannelHandlerContext ctx) {
        if (!ctx.channel().isActive()) return;
        holdReading = false;
        UpgradeHoldDecoder.resumeHttp(ctx.pipeline(), proxy.limits());
        awaitNextHead();
        updateReading(ctx);
    }

    private void discardInbox() {
        inbox.forEach(ReferenceCountUtil::release);
        inbox.clear();
    }

    private void awaitNextHead() {
        if (deadline != null) deadline.awaitingHead();
    }

    /** Called by the exchange when its response has been written in full. */
    @Override
    public void exchangeFinished(ChannelHandlerContext ctx, boolean keepConnection) {
        exchange = null;
        holdReading = false; // an upgrade the backend declined: HTTP goes on
        if (!keepConnection) {
            Channels.closeOnFlush(ctx.channel());
            return;
        }
        UpgradeHoldDecoder.resumeHttp(ctx.pipeline(), proxy.limits());
        awaitNextHead();
        drain(ctx);
        updateReading(ctx);
    }

    private void rejectMalformed(ChannelHandlerContext ctx, HttpRequest request, Throwable cause) {
        log.debug("[{}] malformed request: {}", ctx.channel().id(), cause.toString());
        discardInbox();
        ctx.channel().config().setAutoRead(false);
        Responses.send(ctx, ErrorPages.unreadable(cause), false);
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (exchange != null) exchange.clientWritabilityChanged();
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (exchange != null) exchange.clientClosed();
        discardInbox();
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        log.debug("[{}] connection failed: {}", ctx.channel().id(), cause.toString());
        ctx.close();
    }
}
