package dev.localhome.adapters.netty.routing;

import dev.localhome.adapters.netty.inspect.ExchangeRecord;
import dev.localhome.adapters.netty.pages.ErrorPages;
import dev.localhome.adapters.netty.pages.Responses;
import dev.localhome.domain.routing.Arrival;
import dev.localhome.domain.routing.Route;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http2.Http2StreamChannel;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The daemon's own answer to a request it does not forward: a page, an error, a redirect; recorded when it should be. */
final class LocalAnswer {
    private static final Logger log = LoggerFactory.getLogger(LocalAnswer.class);
    private LocalAnswer() {}

    /**
     * Answers {@code request} as {@code route} says, on the connection's event loop (at once, or after a fresh scan
     * for the dashboard and the API), and runs {@code written} once the answer went out on a connection kept open.
     */
    static void send(ChannelHandlerContext ctx, ProxyContext proxy, HttpRequest request, Route route, Arrival arrival,
                     long headNanos, boolean keepAlive, Runnable written) {
        proxy.pages().respond(ctx, request, route).whenComplete((response, failure) -> {
            if (failure != null) { // never a connection left waiting: a 500 that says so
                log.warn("[{}] answering {} failed", ctx.channel().id(), request.uri(), failure);
                Responses.send(ctx, ErrorPages.page(HttpResponseStatus.INTERNAL_SERVER_ERROR,
                        "localhome could not answer this request: " + failure), false);
                return;
            }
            // The daemon's own pages are not recorded: the dashboard's polling and its /api/requests stream would
            // fill the record with themselves. Every other answer of localhome's (404, 302, 421, 508, ...) is.
            if (!(route instanceof Route.Local))
                ExchangeRecord.answeredLocally(proxy.requests(), headNanos, AskedName.of(request, route, arrival), request,
                        arrival, ctx.channel() instanceof Http2StreamChannel, response);
            Responses.send(ctx, response, keepAlive).addListener(done -> {
                if (ctx.channel().isActive()) written.run();
            });
        });
    }

    /** What makes a head unreadable before any routing: the codec's report of a bad head, or too many fields. */
    static Optional<Throwable> unreadable(HttpRequest request, int maxHeaderFields) {
        if (request.decoderResult().isFailure()) return Optional.of(request.decoderResult().cause());
        if (request.headers().size() > maxHeaderFields)
            return Optional.of(new TooLongHttpHeaderException("more than " + maxHeaderFields + " header fields"));
        return Optional.empty();
    }

    /** {@code 400} or {@code 431} for a head that cannot be read, then the connection closes. */
    static void reject(ChannelHandlerContext ctx, Throwable cause) {
        log.debug("[{}] malformed request: {}", ctx.channel().id(), cause.toString());
        Responses.send(ctx, ErrorPages.unreadable(cause), false);
    }
}
