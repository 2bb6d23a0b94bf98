package dev.localhome.adapters.netty.routing;

import dev.localhome.adapters.netty.forward.AfterResponse;
import dev.localhome.adapters.netty.forward.ExchangeOwner;
import dev.localhome.adapters.netty.forward.ForwardExchange;
import dev.localhome.adapters.netty.forward.HeaderRewriter;
import dev.localhome.adapters.netty.inbound.Channels;
import dev.localhome.adapters.netty.inbound.HeadDeadlineHandler;
import dev.localhome.adapters.netty.inbound.PipelineNames;
import dev.localhome.adapters.netty.inspect.ExchangeRecord;
import dev.localhome.adapters.netty.tunnel.TunnelSetupHandler;
import dev.localhome.domain.routing.Arrival;
import dev.localhome.domain.routing.Route;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http2.Http2StreamChannel;
import io.netty.util.ReferenceCountUtil;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Routes each request of an HTTP/1.1 connection or h2 stream: asks the routing use case where it goes, then answers
 * it locally, forwards it to a backend, or hands the connection to the tunnel set-up on {@code CONNECT}.
 *
 * <p>One request at a time, by {@code autoRead}: whenever this handler cannot take the next message (a decision or
 * a local answer pending, a backend not connected or not writable, the next request's head arrived early) reading
 * pauses, and what the codec decoded meanwhile waits in Netty's {@code FlowControlHandler} in front of it
 * ({@code flow-control}), in order.
 * Only a pipelined head that came while a request was still being answered is kept here, until its turn.
 */
public final class RequestRoutingHandler extends ChannelInboundHandlerAdapter implements ExchangeOwner {
    private static final Logger log = LoggerFactory.getLogger(RequestRoutingHandler.class);

    private final ProxyContext proxy;
    private final Arrival arrival;
    private final UpgradeWatch upgrades = new UpgradeWatch();
    private HeadDeadlineHandler deadline;
    private ForwardExchange exchange;   // the request being forwarded
    private boolean deciding;           // a route, or the daemon's own answer, is on its way: reading pauses
    private HttpRequest waiting;        // the next request's head, pipelined: its turn comes when this one is done
    private boolean holdReading;        // nothing more is read (after CONNECT, an upgrade request, a bad head)

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
        // After an upgrade request's end nothing more is read, and no byte is decoded as HTTP, until the backend
        // answers: after a 101 those bytes belong to the new protocol (UpgradeHoldDecoder keeps them).
        if (upgrades.read(object, ctx.pipeline())) holdReading = true;
        if (object instanceof HttpRequest head && (exchange != null || deciding)) waiting = head;
        else if (object instanceof HttpRequest head) begin(ctx, head);
        else if (exchange != null) exchange.sendRequestContent((HttpContent) object);
        else ReferenceCountUtil.release(object); // the body of a request the daemon answered itself, or refused
        updateReading(ctx);
    }

    private void begin(ChannelHandlerContext ctx, HttpRequest received) {
        long headNanos = System.nanoTime(); // the inspector's times start here
        if (deadline != null) deadline.headReceived();
        // h2 delivers a body-less request whole: it goes on as a head whose end is read already. A whole request
        // that failed to decode is the HTTP/1.1 codec's report of a bad head: it is rejected as it is.
        boolean ended = received instanceof FullHttpRequest whole && whole.decoderResult().isSuccess();
        HttpRequest request = ended ? RequestHeads.headOf((FullHttpRequest) received) : received;
        Optional<Throwable> unreadable = LocalAnswer.unreadable(request, proxy.limits().maxHeaderFields());
        if (unreadable.isPresent()) {
            holdReading = true;
            ctx.channel().config().setAutoRead(false);
            LocalAnswer.reject(ctx, unreadable.get());
            return;
        }
        if (request.method().equals(HttpMethod.CONNECT)) holdReading = true; // what follows is not HTTP
        if (request.method().equals(HttpMethod.CONNECT) && arrival instanceof Arrival.Direct) {
            Optional<Route> refused = proxy.routing().screen(RequestHeads.of(request)); // two Hosts, or a loop
            if (refused.isPresent()) act(ctx, request, ended, headNanos, refused.get());
            else TunnelSetupHandler.takeOver(ctx, proxy, request.uri());
            return;
        }
        deciding = true; // until the route is known; reading pauses meanwhile, if it takes a scan
        proxy.routing().route(RequestHeads.of(request), arrival).whenComplete((route, failure) -> Channels.onLoop(ctx.executor(), () -> {
            deciding = false;
            if (failure != null) log.warn("[{}] routing {} failed", ctx.channel().id(), request.uri(), failure);
            act(ctx, request, ended, headNanos, failure == null ? route : new Route.BadRequest("internal routing error"));
            nextRequest(ctx);
        }));
    }

    private void act(ChannelHandlerContext ctx, HttpRequest request, boolean ended, long headNanos, Route route) {
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
            exchange.start(ended);
            return;
        }
        if (route instanceof Route.CloseSilently) { // a CONNECT inside a tunnel, or a name we do not serve
            ctx.close();
            return;
        }
        // Only a backend switches protocols: an upgrade asked of us is declined, so nothing after it needs holding.
        upgrades.notNeeded();
        Optional<ChannelHandler> stream = proxy.pages().eventStream(request, route);
        if (stream.isPresent()) { // /api/requests/stream: the connection is that stream from now on
            holdReading = false;
            ctx.pipeline().replace(this, PipelineNames.EVENT_STREAM, stream.get());
            ctx.channel().config().setAutoRead(true); // reading on, so a client that leaves is noticed at once
            return;
        }
        // Completes on this event loop, at once or after a fresh scan (dashboard, API); a body is dropped as it comes.
        deciding = true;
        LocalAnswer.send(ctx, proxy, request, route, arrival, headNanos, keepAlive, () -> {
            deciding = false;
            holdReading = false;
            UpgradeHoldDecoder.resumeHttp(ctx.pipeline(), proxy.limits());
            awaitNextHead();
            nextRequest(ctx);
        });
    }

    /** Reads on while this handler can take the next message; pauses otherwise ({@code setAutoRead} is cheap when unchanged). */
    @Override
    public void updateReading(ChannelHandlerContext ctx) {
        boolean read = !holdReading && !deciding && waiting == null && (exchange == null || exchange.canTakeMoreBody());
        ctx.channel().config().setAutoRead(read);
    }

    /** Called by the exchange when its response has been written in full. */
    @Override
    public void exchangeFinished(ChannelHandlerContext ctx, AfterResponse after) {
        exchange = null;
        // Bytes the client sent that were not read (reading paused behind an upgrade request or a pipelined head) would
        // make a plain close a reset, which can take the response with it
        boolean unread = holdReading || waiting != null;
        holdReading = false; // an upgrade the backend declined: HTTP goes on
        if (after == AfterResponse.CLOSE && !unread) {
            // The request was read to its end and nothing follows it (the client asked to close, or spoke HTTP/1.0):
            // a close after the flush, as nginx does then, without a lingering close's half-close, timer and wait
            Channels.closeOnFlush(ctx.channel());
            return;
        }
        if (after != AfterResponse.KEEP_OPEN) {
            Channels.lingeringClose(ctx.channel()); // the client may still be sending: read it, then close
            return;
        }
        UpgradeHoldDecoder.resumeHttp(ctx.pipeline(), proxy.limits());
        awaitNextHead();
        nextRequest(ctx);
    }

    /** The request before is done: the pipelined head, if one came, has its turn; then reading goes on. */
    private void nextRequest(ChannelHandlerContext ctx) {
        if (ctx.isRemoved() || !ctx.channel().isActive()) return;
        if (exchange == null && !deciding && waiting != null) {
            HttpRequest next = waiting;
            waiting = null;
            begin(ctx, next);
        }
        if (!ctx.isRemoved()) updateReading(ctx);
    }

    private void awaitNextHead() {
        if (deadline != null) deadline.awaitingHead();
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (exchange != null) exchange.clientWritabilityChanged();
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (exchange != null) exchange.clientClosed();
        ReferenceCountUtil.release(waiting);
        waiting = null;
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        log.debug("[{}] connection failed: {}", ctx.channel().id(), cause.toString());
        ctx.close();
    }
}
