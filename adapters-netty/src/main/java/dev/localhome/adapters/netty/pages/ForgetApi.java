package dev.localhome.adapters.netty.pages;

import dev.localhome.adapters.netty.inbound.Channels;
import dev.localhome.application.port.ServiceDirectory;
import dev.localhome.domain.ServiceName;
import dev.localhome.domain.routing.LocalPage;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The API's one mutation: forgetting a stopped service before its day is up. */
final class ForgetApi {
    private static final Logger log = LoggerFactory.getLogger(ForgetApi.class);

    private ForgetApi() {}

    /** {@code POST /api/services/<name>/forget}: 200 when forgotten, 404 for a name that did not run, 409 while it runs. */
    static CompletionStage<FullHttpResponse> answer(ChannelHandlerContext ctx, HttpRequest request, ServiceDirectory listing,
                                                    ApiJson json) {
        if (!request.method().equals(HttpMethod.POST))
            return now(ErrorPages.page(HttpResponseStatus.METHOD_NOT_ALLOWED, "Forgetting a service takes a POST."));
        Optional<FullHttpResponse> refused = SiteGuard.mutationRefusal(request);
        if (refused.isPresent()) return now(refused.get());
        String given = LocalPage.forgetName(request.uri());
        Optional<ServiceName> name = ServiceName.parse(given);
        if (name.isEmpty())
            return now(Responses.json(HttpResponseStatus.NOT_FOUND, json.error("'" + given + "' is not a service name")));
        CompletableFuture<FullHttpResponse> response = new CompletableFuture<>();
        listing.forget(name.get()).whenComplete((outcome, failure) -> Channels.onLoop(ctx.executor(), () -> {
            String quoted = "'" + name.get().value() + "'";
            if (failure != null) {
                log.warn("[{}] forgetting {} failed", ctx.channel().id(), quoted, failure);
                response.complete(Responses.json(HttpResponseStatus.INTERNAL_SERVER_ERROR, json.error("forgetting failed: " + failure)));
                return;
            }
            response.complete(switch (outcome) {
                case FORGOTTEN -> Responses.json(HttpResponseStatus.OK, json.forgotten(name.get().value()));
                case RUNNING -> Responses.json(HttpResponseStatus.CONFLICT, json.error(quoted
                        + " is running: only a stopped service can be forgotten"));
                case UNKNOWN -> Responses.json(HttpResponseStatus.NOT_FOUND, json.error("no stopped service is named " + quoted));
            });
        }));
        return response;
    }

    private static CompletionStage<FullHttpResponse> now(FullHttpResponse response) {
        return CompletableFuture.completedFuture(response);
    }
}
