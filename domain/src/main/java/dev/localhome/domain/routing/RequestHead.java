package dev.localhome.domain.routing;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What routing needs to know of a request: its method, its target as sent (origin-form {@code /x}, absolute-form
 * {@code http://app/x} or authority-form {@code app:443}), every {@code Host} field line it carried (more than one
 * is a bad request, RFC 9112 §3.2) and its {@code Via} field values (the proxies it passed, RFC 9110 §7.6.3).
 */
public record RequestHead(String method, String target, List<String> hosts, List<String> via) {
    public RequestHead {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(target, "target");
        hosts = List.copyOf(hosts);
        via = List.copyOf(via);
    }

    public static RequestHead of(String method, String target, String hostOrNull) {
        return new RequestHead(method, target, hostOrNull == null ? List.of() : List.of(hostOrNull), List.of());
    }

    /** This head as it would arrive with {@code viaValues} as its {@code Via} field values. */
    public RequestHead withVia(String... viaValues) {
        return new RequestHead(method, target, hosts, List.of(viaValues));
    }

    /** The {@code Host} header: the first of them, when a bad request carries several. */
    public Optional<String> host() {
        return hosts.isEmpty() ? Optional.empty() : Optional.of(hosts.get(0));
    }

    public boolean isConnect() {
        return method.equals("CONNECT");
    }

    /** {@code GET} and {@code HEAD} may be redirected; other methods would lose their body in a 302. */
    public boolean isSafeToRedirect() {
        return method.equals("GET") || method.equals("HEAD");
    }
}
