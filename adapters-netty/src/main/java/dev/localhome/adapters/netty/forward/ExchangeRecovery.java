package dev.localhome.adapters.netty.forward;

import dev.localhome.adapters.netty.inbound.Channels;
import dev.localhome.adapters.netty.inspect.ExchangeRecord;
import dev.localhome.adapters.netty.pages.ErrorPages;
import dev.localhome.adapters.netty.pages.Responses;
import dev.localhome.domain.forward.BackendFailure;
import dev.localhome.domain.forward.ForwardAttempt;
import dev.localhome.domain.forward.ForwardPlan;
import dev.localhome.domain.routing.Route;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import java.net.ConnectException;
import java.nio.channels.ClosedChannelException;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The failure path of one exchange, before any answer: names what went wrong, asks the forwarding use case through
 * its port what to do, and follows its plan: a retry, the service's new endpoint (the head rewritten for it), or a
 * {@code 502}. Keeps the attempt, so it knows what was tried already. On the exchange's event loop, like the exchange.
 */
final class ExchangeRecovery {
    private static final Logger log = LoggerFactory.getLogger(ExchangeRecovery.class);
    private static final Set<HttpMethod> REPLAYABLE = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS);

    private final ForwardContext proxy;
    private final ChannelHandlerContext client;
    private final HttpRequest request;
    private final ExchangeRecord record;
    private final BooleanSupplier finished;
    private final Consumer<ForwardPlan> follow;
    private ForwardAttempt attempt;

    /**
     * @param finished whether the exchange ended meanwhile (the client left): then a late plan is dropped
     * @param follow   is told the plan once it is under way here: {@link #route()} is where a retry or relocation
     *                 goes (and the head is rewritten for it), and a {@code 502} is on its way when it gives up
     */
    ExchangeRecovery(ForwardContext proxy, ChannelHandlerContext client, HttpRequest request, ExchangeRecord record,
                     Route.Forward route, BooleanSupplier finished, Consumer<ForwardPlan> follow) {
        this.proxy = proxy;
        this.client = client;
        this.request = request;
        this.record = record;
        this.attempt = ForwardAttempt.first(route);
        this.finished = finished;
        this.follow = follow;
    }

    Route.Forward route() {
        return attempt.route();
    }

    /** Whether the next connection must be a fresh one: a retry never takes another pooled connection. */
    boolean retried() {
        return attempt.retried();
    }

    /** Rewrites the request's head for where the attempt goes (again, after a relocation). */
    void rewriteHead() {
        HeaderRewriter.forBackend(request, route().target(), route().rewrite(), client.channel().remoteAddress());
    }

    /** A connection attempt failed: refused, closed before it was up, or anything else. */
    void connectFailed(Throwable failure) {
        recover(failure instanceof ConnectException ? new BackendFailure.Refused()
                : failure instanceof ClosedChannelException ? new BackendFailure.ClosedBeforeConnected()
                : new BackendFailure.Other(String.valueOf(failure)));
    }

    /**
     * The backend connection {@code lost} failed before any answer: a stale pooled connection, or a server that
     * died. Only a request whose body did not go out, with a safe method, may be sent again.
     */
    void lostBeforeAnswer(Channel lost, boolean reused, RequestProgress sent, String why) {
        boolean replayable = sent.withoutBody() && REPLAYABLE.contains(request.method());
        // Asked even when the request cannot be replayed: the next request then uses what the endpoint speaks.
        boolean otherProtocol = !reused && proxy.backends().reconsiderProtocol(route().service().endpoint(), lost);
        recover(new BackendFailure.LostBeforeAnswer(replayable, reused, otherProtocol, why));
    }

    /** Asks the port what to do next; it may wait for a scan first. */
    private void recover(BackendFailure failure) {
        proxy.forwarder().afterFailure(attempt, failure).whenComplete((plan, error) -> Channels.onLoop(client.executor(), () -> {
            if (finished.getAsBoolean()) return;
            ForwardPlan next = error == null ? plan : new ForwardPlan.GiveUp(String.valueOf(error));
            if (next instanceof ForwardPlan.Retry) attempt = attempt.retry();
            else if (next instanceof ForwardPlan.Relocate relocate) attempt = attempt.relocatedTo(relocate.route());
            if (next instanceof ForwardPlan.Relocate) rewriteHead(); // nothing was sent yet: the new port's head
            if (!(next instanceof ForwardPlan.GiveUp))
                log.debug("[{}] {} again, to {}", client.channel().id(), request.uri(), route().service().endpoint());
            follow.accept(next);
            if (next instanceof ForwardPlan.GiveUp giveUp) replyBadGateway(giveUp.why());
        }));
    }

    /** No response head within {@code waited}: a {@code 504} naming the service, its endpoint and the wait; then the connection closes. */
    void timedOut(java.time.Duration waited) {
        log.debug("[{}] {} -> 504 after {}", client.channel().id(), route().service().name(), waited);
        FullHttpResponse page = ErrorPages.gatewayTimeout(route().service().name(), route().service().endpoint().toString(), waited);
        record.answeredByLocalhome(page);
        Responses.send(client, page, false);
    }

    /** A {@code 502} naming the service, its endpoint and why; then the connection closes. */
    private void replyBadGateway(String why) {
        log.debug("[{}] {} -> 502: {}", client.channel().id(), route().service().name(), why);
        FullHttpResponse page = ErrorPages.badGateway(route().service().name(), route().service().endpoint().toString(), why);
        record.answeredByLocalhome(page);
        Responses.send(client, page, false);
    }
}
