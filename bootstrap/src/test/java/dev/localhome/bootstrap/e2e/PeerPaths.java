package dev.localhome.bootstrap.e2e;

import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.stream.Stream;
import java.util.Map;
import java.util.Optional;

/**
 * The ways a client reaches a named dev server, and the two daemons they need: one with a CA (intercepted
 * {@code https://app/}, {@code CONNECT app:80}, reverse proxy by {@code Host}) and one without any, since only there
 * does {@code GET http://app/x} get proxied rather than redirected to https.
 */
final class PeerPaths implements AutoCloseable {
    enum Way {
        /** {@code ws://app.localhost:<port>/}: the daemon as a reverse proxy by {@code Host}. */
        REVERSE_BY_HOST,
        /** {@code GET http://app/x} to the proxy, as a PAC-configured client sends plain HTTP. */
        ABSOLUTE_FORM,
        /** {@code CONNECT app:80}, then plain HTTP in the tunnel: how the JDK and https-proxy-agent send ws://. */
        CONNECT_80,
        /** {@code CONNECT app:443} answered with the daemon's own TLS, HTTP/1.1 inside. */
        INTERCEPTED_TLS
    }

    /** The ways {@code java.net.http} can take: through a proxy it always tunnels, so never absolute-form. */
    static final List<Way> JDK_WAYS = List.of(Way.REVERSE_BY_HOST, Way.CONNECT_80, Way.INTERCEPTED_TLS);

    /** {@link #JDK_WAYS}, for {@code @MethodSource("dev.localhome.bootstrap.e2e.PeerPaths#jdkWays")}. */
    static Stream<Way> jdkWays() {
        return JDK_WAYS.stream();
    }

    private final RunningDaemon withCa;
    private final RunningDaemon withoutCa;

    private PeerPaths(RunningDaemon withCa, RunningDaemon withoutCa) {
        this.withCa = withCa;
        this.withoutCa = withoutCa;
    }

    static PeerPaths start(Path directory) {
        RunningDaemon withCa = RunningDaemon.withCa(directory.resolve("with-ca"));
        try {
            return new PeerPaths(withCa, RunningDaemon.withoutCa(directory.resolve("without-ca")));
        } catch (RuntimeException e) {
            withCa.close();
            throw e;
        }
    }

    RunningDaemon withCa() {
        return withCa;
    }

    RunningDaemon withoutCa() {
        return withoutCa;
    }

    /** A JDK WebSocket to {@code resource} (path and query) of {@code name}, the given way, on a client of its own. */
    PeerSocket jdk(Way way, String name, String resource, String... subprotocols) throws Exception {
        List<String> offered = List.of(subprotocols);
        return switch (way) {
            case REVERSE_BY_HOST -> PeerSocket.open(HttpClient.newHttpClient(), URI.create("ws://127.0.0.1:" + withCa.port() + resource),
                    Optional.of(name + ".localhost:" + withCa.port()), offered);
            case CONNECT_80 -> PeerSocket.open(withCa.browser(), URI.create("ws://" + name + resource), Optional.empty(), offered);
            case INTERCEPTED_TLS -> PeerSocket.open(withCa.browser(), URI.create("wss://" + name + resource), Optional.empty(), offered);
            case ABSOLUTE_FORM -> throw new IllegalArgumentException("java.net.http tunnels every proxied WebSocket");
        };
    }

    /** The Node {@code ws} client's spec for the same; the caller adds send, count and so on. */
    Map<String, Object> node(Way way, String name, String resource) {
        Map<String, Object> spec = new LinkedHashMap<>();
        switch (way) {
            case REVERSE_BY_HOST -> {
                spec.put("url", "ws://" + name + ".localhost:" + withCa.port() + resource);
                spec.put("via", "direct");
            }
            case ABSOLUTE_FORM -> {
                spec.put("url", "ws://" + name + resource);
                spec.put("via", "absolute");
                spec.put("proxy", "http://127.0.0.1:" + withoutCa.port());
            }
            case CONNECT_80 -> {
                spec.put("url", "ws://" + name + resource);
                spec.put("via", "connect");
                spec.put("proxy", "http://127.0.0.1:" + withCa.port());
            }
            case INTERCEPTED_TLS -> {
                spec.put("url", "wss://" + name + resource);
                spec.put("via", "connect");
                spec.put("proxy", "http://127.0.0.1:" + withCa.port());
                spec.put("ca", withCa.rootPem().toString());
            }
        }
        return spec;
    }

    @Override
    public void close() {
        try {
            withCa.close();
        } finally {
            withoutCa.close();
        }
    }
}
