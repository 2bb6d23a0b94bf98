package dev.localhome.adapters.netty.pages;

import dev.localhome.adapters.netty.inbound.Channels;
import dev.localhome.application.port.ServiceDirectory;
import dev.localhome.domain.ServiceName;
import dev.localhome.domain.routing.ProxyAutoConfig;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * {@code /proxy.pac}: the PAC file with the names served now (running, lately stopped, the daemon's own), so the
 * browser sends localhome only what it serves. {@code no-store}: it changes whenever a service starts or is
 * forgotten, and a cached copy would send a new service's name {@code DIRECT}.
 */
final class PacFile {
    private PacFile() {}

    static CompletionStage<FullHttpResponse> answer(ChannelHandlerContext ctx, int port, ServiceDirectory listing,
                                                    ServiceName ownName) {
        CompletableFuture<FullHttpResponse> response = new CompletableFuture<>();
        listing.listedFresherThan(LocalPages.FRESHNESS).whenComplete((services, failure) -> Channels.onLoop(ctx.executor(), () -> {
            List<ServiceName> names = new ArrayList<>();
            (failure == null ? services : listing.listed()).forEach(service -> names.add(service.name()));
            names.add(ownName);
            FullHttpResponse pac = Responses.of(HttpResponseStatus.OK, "application/x-ns-proxy-autoconfig",
                    ProxyAutoConfig.forPort(port, names));
            pac.headers().set("Cache-Control", "no-store");
            response.complete(pac);
        }));
        return response;
    }
}
