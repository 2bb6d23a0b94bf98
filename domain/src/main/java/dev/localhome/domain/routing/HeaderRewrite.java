package dev.localhome.domain.routing;

import java.util.Optional;

/**
 * How a forwarded request's head changes on its way to the backend.
 *
 * @param host           the {@code Host} to send, or empty to keep the one the client sent
 * @param origin         the {@code Origin} to send in place of the client's (only when it sent one), or empty to keep it
 * @param forwardedHost  the value of {@code X-Forwarded-Host}: the host the client asked for
 * @param forwardedProto the value of {@code X-Forwarded-Proto}: {@code http} or {@code https}
 * @param forwarded      whether to add {@code X-Forwarded-Host/Proto/For} at all (the user can turn them off)
 */
public record HeaderRewrite(Optional<String> host, Optional<String> origin, String forwardedHost, String forwardedProto,
                            boolean forwarded) {
    public HeaderRewrite(Optional<String> host, Optional<String> origin, String forwardedHost, String forwardedProto) {
        this(host, origin, forwardedHost, forwardedProto, true);
    }

    /** Reverse proxy: the backend sees the {@code Host} the browser used. */
    public static HeaderRewrite keepHost(String forwardedHost) {
        return keepHost(forwardedHost, "http");
    }

    /** Reverse proxy over {@code proto}: {@code https} when the daemon's own port served TLS. */
    public static HeaderRewrite keepHost(String forwardedHost, String proto) {
        return new HeaderRewrite(Optional.empty(), Optional.empty(), forwardedHost, proto);
    }

    /**
     * Forward proxy: dev servers such as Vite reject hosts they do not know, so the backend sees itself addressed as
     * {@code localhost:<port>}, and a same-origin check passes.
     */
    public static HeaderRewrite asLocalhost(int backendPort, String forwardedHost, String proto) {
        String local = "localhost:" + backendPort;
        return new HeaderRewrite(Optional.of(local), Optional.of("http://" + local), forwardedHost, proto);
    }

    /** This rewrite for the same service found on another port: a {@code localhost:<port>} host follows it. */
    public HeaderRewrite forPort(int backendPort) {
        return host.isPresent() ? asLocalhost(backendPort, forwardedHost, forwardedProto).forwarded(forwarded) : this;
    }

    /** This rewrite, adding the {@code X-Forwarded-*} headers or not. */
    public HeaderRewrite forwarded(boolean add) {
        return new HeaderRewrite(host, origin, forwardedHost, forwardedProto, add);
    }
}
