package dev.localhome.domain.routing;

import java.util.Objects;
import java.util.Optional;

/**
 * What routing needs to know of a request: its method, its target as sent (origin-form {@code /x}, absolute-form
 * {@code http://app/x} or authority-form {@code app:443}) and its {@code Host} header, if any.
 */
public record RequestHead(String method, String target, Optional<String> host) {
    public RequestHead {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(host, "host");
    }

    public static RequestHead of(String method, String target, String hostOrNull) {
        return new RequestHead(method, target, Optional.ofNullable(hostOrNull));
    }

    public boolean isConnect() {
        return method.equals("CONNECT");
    }

    /** {@code GET} and {@code HEAD} may be redirected; other methods would lose their body in a 302. */
    public boolean isSafeToRedirect() {
        return method.equals("GET") || method.equals("HEAD");
    }
}
