package dev.localhome.adapters.netty.pages;

import dev.localhome.domain.ServiceName;
import dev.localhome.domain.StoppedService;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.TooLongHttpLineException;
import java.util.List;
import java.util.stream.Collectors;

/** Error pages that say what happened and what to do about it. */
public final class ErrorPages {
    private static final String HTML = "text/html; charset=utf-8";
    /** RFC 5842 §7.2; Netty names no constant for it. */
    static final HttpResponseStatus LOOP_DETECTED = new HttpResponseStatus(508, "Loop Detected");
    private static final DateTimeFormatter LAST_SEEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private ErrorPages() {}

    public static FullHttpResponse page(HttpResponseStatus status, String sentence) {
        String body = "<h1>%d %s</h1><p>%s</p>".formatted(status.code(), Html.escape(status.reasonPhrase()),
                Html.escape(sentence));
        return Responses.of(status, HTML, Html.page(status.code() + " " + status.reasonPhrase(), body));
    }

    static FullHttpResponse notFound(String name, List<ServiceName> known, int port) {
        String list = known.isEmpty() ? "<p>No services are running. Start one with <code>NAME=app npm run dev</code>.</p>"
                : "<p>Running now:</p><ul>" + known.stream()
                        .map(n -> "<li><a href=\"http://%1$s.localhost:%2$d/\">%1$s</a></li>".formatted(Html.escape(n.value()), port))
                        .collect(Collectors.joining()) + "</ul>";
        String body = "<h1>404 Not Found</h1><p>No service named <b>%s</b> is running — start it with <code>NAME=%s</code>.</p>%s"
                .formatted(Html.escape(name), Html.escape(name), list);
        return Responses.of(HttpResponseStatus.NOT_FOUND, HTML, Html.page("No service named " + name, body));
    }

    /**
     * {@code 503} for a name that ran lately: when it was last seen, where, and the command that ran it (secrets
     * hidden, as on the dashboard) in its directory, so restarting it is one copy and paste away.
     */
    static FullHttpResponse stopped(StoppedService service, Instant now) {
        String name = Html.escape(service.name().value());
        String command = service.command().isBlank() ? ""
                : "<p>It ran:</p><pre>%s</pre>".formatted(Html.escape(Commands.shorten(service.command())))
                + (service.workingDirectory().isBlank() ? ""
                        : "<p>in <code>%s</code></p>".formatted(Html.escape(service.workingDirectory())));
        String container = service.container().map(c -> ("<p>It ran in the container <b>%s</b> (image <code>%s</code>, "
                + "id <code>%s</code>): <code>docker start %s</code> starts it again.</p>").formatted(Html.escape(c.name()),
                Html.escape(c.image()), Html.escape(c.shortId()), Html.escape(c.name()))).orElse("");
        String body = ("<h1>503 Service Unavailable</h1><p>The service <b>%s</b> stopped. It was last seen %s "
                + "(%s), at %s.</p>%s%s<p>Start it again and reload this page. Or, if it is gone for good, "
                + "<code>localhome forget %s</code>.</p>").formatted(name, ago(service.lastSeen(), now),
                LAST_SEEN.format(service.lastSeen()), Html.escape(service.lastEndpoint().toString()), container, command, name);
        FullHttpResponse response = Responses.of(HttpResponseStatus.SERVICE_UNAVAILABLE, HTML,
                Html.page(service.name().value() + " stopped", body));
        return response;
    }

    /** "12 s ago", "5 min ago", "3 h ago": how long ago, to the unit that matters. */
    static String ago(Instant then, Instant now) {
        long seconds = Math.max(0, Duration.between(then, now).toSeconds());
        if (seconds < 60) return seconds + " s ago";
        if (seconds < 3_600) return seconds / 60 + " min ago";
        return seconds / 3_600 + " h ago";
    }

    static FullHttpResponse forbidden(String host) {
        return page(HttpResponseStatus.FORBIDDEN, "localhome does not answer to the host '" + host
                + "'. Use http://<name>.localhost/ or http://localhost/ (this guards against DNS rebinding).");
    }

    static FullHttpResponse loopDetected(String loop) {
        return page(LOOP_DETECTED, "localhome stopped a loop: " + loop);
    }

    static FullHttpResponse misdirected(String authority, int port) {
        return page(HttpResponseStatus.MISDIRECTED_REQUEST, ("localhome does not connect to %s: it forwards only to "
                + "named services, and answers at an address only on its own port. Use http://<name>.localhost:%d/ "
                + "or http://<name>/, or http://localhost:%d/ for the dashboard.").formatted(authority, port, port));
    }

    /** A request head the codec could not read: {@code 414}, {@code 431} or {@code 400}, with the codec's reason. */
    public static FullHttpResponse unreadable(Throwable cause) {
        HttpResponseStatus status = cause instanceof TooLongHttpLineException ? HttpResponseStatus.REQUEST_URI_TOO_LONG
                : cause instanceof TooLongFrameException ? HttpResponseStatus.REQUEST_HEADER_FIELDS_TOO_LARGE // headers too
                : HttpResponseStatus.BAD_REQUEST;
        return page(status, "The request could not be read: " + cause.getMessage());
    }

    public static FullHttpResponse badGateway(ServiceName name, String endpoint, String why) {
        return page(HttpResponseStatus.BAD_GATEWAY, "The service '%s' at %s did not answer: %s. Is it still running?"
                .formatted(name, endpoint, why));
    }

    public static FullHttpResponse gatewayTimeout(ServiceName name, String endpoint, java.time.Duration waited) {
        return page(HttpResponseStatus.GATEWAY_TIMEOUT, "The service '%s' at %s accepted the request but sent no answer within %s (backendTimeoutSeconds)."
                .formatted(name, endpoint, waited.toMillis() % 1000 == 0 ? waited.toSeconds() + " s" : waited.toMillis() + " ms"));
    }
}
