package dev.localhome.adapters.netty.pages;

import dev.localhome.adapters.netty.inbound.Channels;
import dev.localhome.adapters.netty.pages.ApiJson.CaView;
import dev.localhome.adapters.netty.pages.ApiJson.ServiceView;
import dev.localhome.adapters.netty.pages.ApiJson.StatusView;
import dev.localhome.application.DaemonFacts;
import dev.localhome.application.port.ServiceDirectory;
import dev.localhome.application.port.RequestJournal;
import dev.localhome.domain.ListedService;
import dev.localhome.domain.port.RootCertificate;
import dev.localhome.domain.routing.LocalPage;
import dev.localhome.domain.routing.Route;
import dev.localhome.domain.routing.RoutingPolicy;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The responses the daemon gives itself: its pages, and every route that ends in an error page.
 *
 * <p>The dashboard and the API ask for services at most {@link #FRESHNESS} old, so what they show is what runs now
 * (the dashboard asks when the event stream says the services changed, see {@link EventStreamHandler}): the wait for
 * that scan is why responses are a stage. The stage completes on the connection's event loop.
 */
public final class LocalPages {
    private static final Logger log = LoggerFactory.getLogger(LocalPages.class);
    static final Duration FRESHNESS = Duration.ofMillis(500);
    static final int DEFAULT_REQUESTS = 100;

    private final ServiceDirectory listing;
    private final RoutingPolicy policy;
    private final DaemonFacts facts;
    private final Supplier<Optional<RootCertificate>> root;
    private final String transport;
    private final ApiJson json = new ApiJson();
    private final RequestJournal requests;
    /** The dashboard's facts for the root they were made with: the CA is live, and fingerprinting it costs a digest. */
    private volatile FactsForRoot current = new FactsForRoot(new Object(), null);

    private record FactsForRoot(Object root, Dashboard.Facts facts) {}

    /** @param root the CA in use now, asked at each page: it may be created, replaced or removed while the daemon runs */
    public LocalPages(ServiceDirectory listing, RoutingPolicy policy, Supplier<Optional<RootCertificate>> root,
                      DaemonFacts facts, String transport, RequestJournal requests) {
        this.requests = requests;
        this.listing = listing;
        this.policy = policy;
        this.facts = facts;
        this.root = root;
        this.transport = transport;
    }

    private Dashboard.Facts dashboardFacts() {
        Optional<RootCertificate> now = root.get();
        FactsForRoot known = current;
        if (Objects.equals(known.root(), now.orElse(null))) return known.facts();
        CaView ca = now.map(r -> new CaView(true, r.origin(), r.location().toString(), r.sha256Fingerprint()))
                .orElseGet(() -> new CaView(false, null, null, null));
        Dashboard.Facts made = new Dashboard.Facts(policy.ownName().value(), facts, ca, transport);
        current = new FactsForRoot(now.orElse(null), made);
        return made;
    }

    public CompletionStage<FullHttpResponse> respond(ChannelHandlerContext ctx, HttpRequest request, Route route) {
        int port = ((InetSocketAddress) ctx.channel().localAddress()).getPort();
        if (route instanceof Route.Local local) return local(ctx, request, local.page(), port);
        return CompletableFuture.completedFuture(errorPage(route, port));
    }

    private static FullHttpResponse errorPage(Route route, int port) {
        if (route instanceof Route.NotFound notFound) return ErrorPages.notFound(notFound.name(), notFound.known(), port);
        if (route instanceof Route.Stopped stopped) return ErrorPages.stopped(stopped.service(), Instant.now());
        if (route instanceof Route.Forbidden forbidden) return ErrorPages.forbidden(forbidden.host());
        if (route instanceof Route.Redirect redirect) return redirect(redirect.location());
        if (route instanceof Route.BadRequest bad) return ErrorPages.page(HttpResponseStatus.BAD_REQUEST, bad.reason());
        if (route instanceof Route.LoopDetected loop) return ErrorPages.loopDetected(loop.loop());
        if (route instanceof Route.Misdirected misdirected) return ErrorPages.misdirected(misdirected.authority(), port);
        throw new IllegalArgumentException("not a local route: " + route);
    }

    private CompletionStage<FullHttpResponse> local(ChannelHandlerContext ctx, HttpRequest request, LocalPage page, int port) {
        if (page == LocalPage.FORGET_API) return ForgetApi.answer(ctx, request, listing, json);
        if (!request.method().equals(HttpMethod.GET) && !request.method().equals(HttpMethod.HEAD))
            return now(ErrorPages.page(HttpResponseStatus.METHOD_NOT_ALLOWED, "Only GET and HEAD are served here."));
        return switch (page) {
            case DASHBOARD -> withFreshServices(ctx, port, services -> Dashboard.page(services, dashboardFacts(), port));
            case PROXY_PAC -> PacFile.answer(ctx, port, listing, policy.ownName());
            case SERVICES_API -> SiteGuard.refusal(request).map(LocalPages::now)
                    .orElseGet(() -> withFreshServices(ctx, port, services -> api(json.services(services))));
            case STATUS_API -> SiteGuard.refusal(request).map(LocalPages::now)
                    .orElseGet(() -> withFreshServices(ctx, port, services -> api(json.status(status(services, port)))));
            case FORGET_API -> ForgetApi.answer(ctx, request, listing, json);
            case REQUESTS_API -> SiteGuard.refusal(request).map(LocalPages::now)
                    .orElseGet(() -> now(requests(request)));
            // a GET that may stream took the event-stream path (eventStream); a HEAD learns what it would get
            case REQUESTS_STREAM -> SiteGuard.refusal(request).map(LocalPages::now)
                    .orElseGet(() -> now(Responses.of(HttpResponseStatus.OK, "text/event-stream; charset=utf-8", "")));
            case MISSING -> now(ErrorPages.page(HttpResponseStatus.NOT_FOUND, "There is no page at " + request.uri()));
        };
    }

    /**
     * The handler that serves {@code request} as {@code /api/requests/stream}, in the router's place, when it is a GET
     * of the stream the API guard lets through; empty for every other request, answered by {@link #respond}.
     */
    public Optional<ChannelHandler> eventStream(HttpRequest request, Route route) {
        if (!(route instanceof Route.Local local) || local.page() != LocalPage.REQUESTS_STREAM
                || !request.method().equals(HttpMethod.GET) || SiteGuard.refusal(request).isPresent())
            return Optional.empty();
        String service = new QueryStringDecoder(request.uri()).parameters().getOrDefault("service", List.of())
                .stream().findFirst().filter(name -> !name.isEmpty()).map(LocalPages::lower).orElse(null);
        return Optional.of(new EventStreamHandler(requests, listing::whenChanged, service, request.protocolVersion()));
    }

    /** {@code /api/requests?service=NAME&n=N}: oldest first, at most N (default 100, at most 1000). */
    private FullHttpResponse requests(HttpRequest request) {
        Map<String, List<String>> query = new QueryStringDecoder(request.uri()).parameters();
        String service = query.getOrDefault("service", List.of()).stream().findFirst().map(LocalPages::lower).orElse("");
        String n = query.getOrDefault("n", List.of()).stream().findFirst().orElse(String.valueOf(DEFAULT_REQUESTS));
        int count;
        try {
            count = Math.min(Integer.parseInt(n.trim()), RequestJournal.PER_SERVICE);
        } catch (NumberFormatException e) {
            count = -1;
        }
        if (count < 1)
            return ErrorPages.page(HttpResponseStatus.BAD_REQUEST,
                    "n must be a whole number from 1 to " + RequestJournal.PER_SERVICE + ", not '" + n + "'.");
        return api(RequestsJson.list(service.isEmpty() ? requests.recent(count) : requests.recent(service, count)));
    }

    /** Renders from services at most {@link #FRESHNESS} old, on the event loop; a failure is a 500 page, never a hang. */
    private CompletionStage<FullHttpResponse> withFreshServices(ChannelHandlerContext ctx, int port,
                                                                Function<List<ServiceView>, FullHttpResponse> render) {
        CompletableFuture<FullHttpResponse> response = new CompletableFuture<>();
        listing.listedFresherThan(FRESHNESS).whenComplete((services, failure) -> Channels.onLoop(ctx.executor(), () -> {
            try {
                List<ListedService> found = failure == null ? services : listing.listed();
                response.complete(render.apply(ApiJson.views(found, policy.interception(), port, Instant.now())));
            } catch (RuntimeException e) {
                log.warn("[{}] cannot render a local page", ctx.channel().id(), e);
                response.complete(ErrorPages.page(HttpResponseStatus.INTERNAL_SERVER_ERROR,
                        "localhome could not render this page: " + e.getMessage()));
            }
        }));
        return response;
    }

    private static FullHttpResponse api(String body) {
        return api(HttpResponseStatus.OK, body);
    }

    private static FullHttpResponse api(HttpResponseStatus status, String body) {
        return Responses.json(status, body);
    }

    private StatusView status(List<ServiceView> services, int port) {
        Instant now = Instant.now();
        Dashboard.Facts shown = dashboardFacts();
        return new StatusView(facts.version(), facts.startedAt().toString(), ApiJson.uptime(facts.startedAt(), now),
                facts.bindHost(), port, policy.ownName().value(), shown.transport(), shown.ca(),
                facts.plugins(), listing.sources().stream()
                        .map(source -> new ApiJson.SourceView(source.source(), source.state().word(), source.state().sentence()))
                        .toList(), services);
    }

    /** Names are case-insensitive, and recorded in lower case. */
    private static String lower(String name) {
        return name.toLowerCase(java.util.Locale.ROOT);
    }

    private static CompletionStage<FullHttpResponse> now(FullHttpResponse response) {
        return CompletableFuture.completedFuture(response);
    }

    private static FullHttpResponse redirect(String location) {
        FullHttpResponse response = Responses.of(HttpResponseStatus.FOUND, "text/plain; charset=utf-8", "Moved to " + location + "\n");
        response.headers().set("Location", location);
        return response;
    }
}
