package dev.localhome.domain.routing;

/** The pages the daemon serves itself, at {@code localhost:<port>} and at its own name. */
public enum LocalPage {
    DASHBOARD,
    PROXY_PAC,
    SERVICES_API,
    STATUS_API,
    /** {@code POST /api/services/<name>/forget}: forget a stopped service now rather than after its day. */
    FORGET_API,
    /** {@code /api/requests}: the inspector's recent exchanges, as JSON. */
    REQUESTS_API,
    /** {@code /api/requests/stream}: the same, live, as Server-Sent Events. */
    REQUESTS_STREAM,
    MISSING;

    private static final String SERVICES_PREFIX = "/api/services/";
    private static final String FORGET_SUFFIX = "/forget";

    /** The name in a {@link #FORGET_API} target ({@code /api/services/app/forget}), as it was written. */
    public static String forgetName(String target) {
        String path = pathOf(target);
        return path.substring(SERVICES_PREFIX.length(), path.length() - FORGET_SUFFIX.length());
    }

    private static String pathOf(String target) {
        int query = target.indexOf('?');
        return query >= 0 ? target.substring(0, query) : target;
    }

    static LocalPage forPath(String target) {
        String path = pathOf(target);
        if (path.startsWith(SERVICES_PREFIX) && path.endsWith(FORGET_SUFFIX)
                && path.length() > SERVICES_PREFIX.length() + FORGET_SUFFIX.length())
            return FORGET_API;
        return switch (path) {
            case "/", "/index.html" -> DASHBOARD;
            case "/proxy.pac" -> PROXY_PAC;
            case "/api/services" -> SERVICES_API;
            case "/api/status" -> STATUS_API;
            case "/api/requests" -> REQUESTS_API;
            case "/api/requests/stream" -> REQUESTS_STREAM;
            default -> MISSING;
        };
    }
}
