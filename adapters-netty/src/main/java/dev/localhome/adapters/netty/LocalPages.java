package dev.localhome.adapters.netty;

import dev.localhome.application.ServiceListing;
import dev.localhome.domain.routing.LocalPage;
import dev.localhome.domain.routing.ProxyAutoConfig;
import dev.localhome.domain.routing.Route;
import dev.localhome.domain.routing.RoutingPolicy;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.net.InetSocketAddress;

/** The responses the daemon gives itself: its pages, and every route that ends in an error page. */
final class LocalPages {
    private final ServiceListing listing;
    private final RoutingPolicy policy;
    private final ServicesJson json = new ServicesJson();

    LocalPages(ServiceListing listing, RoutingPolicy policy) {
        this.listing = listing;
        this.policy = policy;
    }

    FullHttpResponse respond(ChannelHandlerContext ctx, HttpRequest request, Route route) {
        int port = ((InetSocketAddress) ctx.channel().localAddress()).getPort();
        if (route instanceof Route.Local local) return local(request, local.page(), port);
        if (route instanceof Route.NotFound notFound) return ErrorPages.notFound(notFound.name(), notFound.known(), port);
        if (route instanceof Route.Forbidden forbidden) return ErrorPages.forbidden(forbidden.host());
        if (route instanceof Route.Redirect redirect) return redirect(redirect.location());
        if (route instanceof Route.BadRequest bad) return ErrorPages.page(HttpResponseStatus.BAD_REQUEST, bad.reason());
        throw new IllegalArgumentException("not a local route: " + route);
    }

    private FullHttpResponse local(HttpRequest request, LocalPage page, int port) {
        if (!request.method().equals(HttpMethod.GET) && !request.method().equals(HttpMethod.HEAD))
            return ErrorPages.page(HttpResponseStatus.METHOD_NOT_ALLOWED, "Only GET and HEAD are served here.");
        return switch (page) {
            case DASHBOARD -> Responses.of(HttpResponseStatus.OK, "text/html; charset=utf-8",
                    Dashboard.render(listing.services(), policy, port));
            case PROXY_PAC -> Responses.of(HttpResponseStatus.OK, "application/x-ns-proxy-autoconfig",
                    ProxyAutoConfig.forPort(port));
            case SERVICES_API -> Responses.of(HttpResponseStatus.OK, "application/json", json.services(listing.services(), port));
            case STATUS_API, MISSING -> ErrorPages.page(HttpResponseStatus.NOT_FOUND, "There is no page at " + request.uri());
        };
    }

    private static FullHttpResponse redirect(String location) {
        FullHttpResponse response = Responses.of(HttpResponseStatus.FOUND, "text/plain; charset=utf-8", "Moved to " + location + "\n");
        response.headers().set("Location", location);
        return response;
    }
}
