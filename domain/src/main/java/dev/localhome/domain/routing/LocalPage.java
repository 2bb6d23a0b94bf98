package dev.localhome.domain.routing;

/** The pages the daemon serves itself, at {@code localhost:<port>} and at its own name. */
public enum LocalPage {
    DASHBOARD,
    PROXY_PAC,
    SERVICES_API,
    STATUS_API,
    /** {@code /api/requests}: the inspector's recent exchanges, as JSON. */
    REQUESTS_API,
    /** {@code /api/requests/stream}: the same, live, as Server-Sent Events. */
    REQUESTS_STREAM,
    MISSING;

    static LocalPage forPath(String target) {
        int query = target.indexOf('?');
        String path = query >= 0 ? target.substring(0, query) : target;
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
