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
 * <p>A state-changing endpoint ({@code POST /api/services/<name>/forget}) demands more: {@link #mutationRefusal}.
 */
final class SiteGuard {
    /**
     * The header the dashboard and {@code localhome forget} send with a change: no page elsewhere can add it to a
     * request without the browser asking first (a CORS preflight), which this API never answers.
     */
    static final String CHANGE_HEADER = "X-Localhome";
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

    /**
     * A 403 for a request that would change state and may come from another page: with fetch metadata it must say
     * {@code Sec-Fetch-Site: same-origin}; without, an {@code Origin} it carries must be the request's own
     * ({@code Host}). A tool on this machine sends neither and is served; every browser sends one or the other
     * with a {@code POST}, so a page elsewhere (a cross-site form, a dev server at {@code app.localhost}) never is.
     *
     * <p>First of all, a change must be something no page can send without a preflight: {@value #CHANGE_HEADER}
     * set, or a JSON body ({@code Content-Type: application/json}). A form or a {@code fetch} in {@code no-cors}
     * mode may send {@code text/plain} and no {@code Origin} at all (some browsers, some extensions, a proxy that
     * strips it), and would otherwise pass the checks below.
     */
    static Optional<FullHttpResponse> mutationRefusal(HttpRequest request) {
        if (!request.headers().contains(CHANGE_HEADER) && !isJson(request.headers().get("Content-Type")))
            return Optional.of(ErrorPages.page(HttpResponseStatus.FORBIDDEN, "A change to localhome needs the header "
                    + CHANGE_HEADER + ": 1 or Content-Type: application/json, which a page elsewhere cannot send "
                    + "without asking first (CORS preflight). The dashboard and localhome forget send it."));
        String site = lower(request.headers().get("Sec-Fetch-Site"));
        if (site != null && !site.equals("same-origin"))
            return Optional.of(forbidden("a change asked for by another page (Sec-Fetch-Site: " + site + ")"));
        String origin = lower(request.headers().get("Origin"));
        String host = lower(request.headers().get("Host"));
        if (origin != null && (host == null || !authorityOf(origin).equals(host)))
            return Optional.of(forbidden("a change asked for by another page (Origin: " + origin + ")"));
        return Optional.empty();
    }

    /** {@code application/json}, with parameters or not ({@code ; charset=utf-8}). */
    private static boolean isJson(String contentType) {
        if (contentType == null) return false;
        int parameters = contentType.indexOf(';');
        String type = (parameters < 0 ? contentType : contentType.substring(0, parameters)).trim();
        return type.equalsIgnoreCase("application/json");
    }

    /** {@code http://localhost:9090} to {@code localhost:9090}; {@code null} (an opaque origin) matches nothing. */
    private static String authorityOf(String origin) {
        int scheme = origin.indexOf("://");
        return scheme < 0 ? "\0" : origin.substring(scheme + 3);
    }

    private static FullHttpResponse forbidden(String from) {
        return ErrorPages.page(HttpResponseStatus.FORBIDDEN, "The localhome API does not answer " + from
                + ": its data is for the dashboard and for tools on this machine.");
    }

    private static String lower(String value) {
        return value == null ? null : value.trim().toLowerCase(Locale.ROOT);
    }
}
