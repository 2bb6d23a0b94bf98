package dev.localhome.adapters.netty.routing;

import dev.localhome.domain.routing.Arrival;
import dev.localhome.domain.routing.Route;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpRequest;
import java.util.Locale;

/**
 * The name a request asked for, for the inspector's record of an answer localhome gave itself: the unknown name of a
 * 404, the tunnel's name, else the host of an absolute-form target or of {@code Host}, without port or
 * {@code .localhost}.
 */
final class AskedName {
    private static final String LOCALHOST = ".localhost";

    private AskedName() {}

    static String of(HttpRequest request, Route route, Arrival arrival) {
        if (route instanceof Route.NotFound notFound) return notFound.name();
        if (arrival instanceof Arrival.InTunnel tunnel) return tunnel.name().value();
        String uri = request.uri();
        int scheme = uri.indexOf("://");
        String authority = scheme > 0 ? uri.substring(scheme + 3) : request.headers().get(HttpHeaderNames.HOST, "");
        int end = 0;
        while (end < authority.length() && "/?#".indexOf(authority.charAt(end)) < 0) end++;
        String host = withoutPort(authority.substring(0, end)).toLowerCase(Locale.ROOT);
        if (host.endsWith(LOCALHOST)) host = host.substring(0, host.length() - LOCALHOST.length());
        return host.isEmpty() ? "-" : host;
    }

    private static String withoutPort(String authority) {
        if (authority.startsWith("[")) {
            int close = authority.indexOf(']');
            return close > 0 ? authority.substring(0, close + 1) : authority;
        }
        int colon = authority.lastIndexOf(':');
        return colon >= 0 ? authority.substring(0, colon) : authority;
    }
}
