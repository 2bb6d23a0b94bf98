package dev.localhome.domain.routing;

/** The pages the daemon serves itself, at {@code localhost:<port>} and at its own name. */
public enum LocalPage {
    DASHBOARD,
    PROXY_PAC,
    SERVICES_API,
    STATUS_API,
    MISSING;

    static LocalPage forPath(String target) {
        int query = target.indexOf('?');
        String path = query >= 0 ? target.substring(0, query) : target;
        return switch (path) {
            case "/", "/index.html" -> DASHBOARD;
            case "/proxy.pac" -> PROXY_PAC;
            case "/api/services" -> SERVICES_API;
            case "/api/status" -> STATUS_API;
            default -> MISSING;
        };
    }
}
