package dev.localhome.adapters.netty.pages;

import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Keeps the API's JSON away from the pages a developer visits. The routing already answers only to the daemon's own
 * {@code Host} values (the DNS-rebinding guard); this refuses what browsers mark as coming from another page:
 * {@code Sec-Fetch-Site} other than {@code same-origin} or {@code none} (a dev server at {@code app.localhost} is
 * <em>same-site</em> with {@code localhost}, and refused too), and any {@code Sec-Fetch-Dest} that would run or
 * embed the response ({@code <script src=/api/services>}). Tools such as {@code localhome status} send neither
 * header and are served.
 *
 * <p>There is no state-changing endpoint. One added later must demand more: {@code Sec-Fetch-Site: same-origin}, or
 * without fetch metadata an {@code Origin} equal to the request's own.
 */
final class SiteGuard {
    private static final Set<String> OWN_SITES = Set.of("same-origin", "none");
    /** A fetch from script ({@code empty}) or the address bar ({@code document}). */
    private static final Set<String> READING_DESTINATIONS = Set.of("empty", "document");

    private SiteGuard() {}

    /** A 403 for a request another page made, or empty when the JSON may be served. */
    static Optional<FullHttpResponse> refusal(HttpRequest request) {
        String site = lower(request.headers().get("Sec-Fetch-Site"));
        String destination = lower(request.headers().get("Sec-Fetch-Dest"));
        if (site != null && !OWN_SITES.contains(site))
            return Optional.of(forbidden("another site's page (Sec-Fetch-Site: " + site + ")"));
        if (destination != null && !READING_DESTINATIONS.contains(destination))
            return Optional.of(forbidden("a page that would embed it (Sec-Fetch-Dest: " + destination + ")"));
        return Optional.empty();
    }

    private static FullHttpResponse forbidden(String from) {
        return ErrorPages.page(HttpResponseStatus.FORBIDDEN, "The localhome API does not answer " + from
                + ": its data is for the dashboard and for tools on this machine.");
    }

    private static String lower(String value) {
        return value == null ? null : value.trim().toLowerCase(Locale.ROOT);
    }
}
