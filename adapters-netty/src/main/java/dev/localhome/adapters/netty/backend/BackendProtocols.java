package dev.localhome.adapters.netty.backend;

import dev.localhome.domain.Endpoint;
import io.netty.channel.Channel;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.util.InsecureTrustManagerFactory;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import javax.net.ssl.SSLException;

/**
 * Which endpoints speak TLS themselves, learnt from their answers. Shared by every event loop, hence the concurrent
 * map: an endpoint's first answers may come in on several loops at once.
 */
final class BackendProtocols {
    private final SslContext backendTls = trustingClientContext();
    // Absent until the endpoint's first answer: plain HTTP is tried first.
    private final ConcurrentMap<Endpoint, Boolean> speaksTls = new ConcurrentHashMap<>();

    /**
     * A dev server that serves HTTPS itself has a self-signed certificate nobody can verify. It is on loopback and
     * named by its user, so its certificate is accepted as it is.
     */
    private static SslContext trustingClientContext() {
        try {
            return SslContextBuilder.forClient().trustManager(InsecureTrustManagerFactory.INSTANCE).build();
        } catch (SSLException e) {
            throw new IllegalStateException("cannot build the TLS client context for backends", e);
        }
    }

    /** The TLS context for a new connection to {@code endpoint}, or null while it is believed to speak plain HTTP. */
    SslContext tlsOrNull(Endpoint endpoint) {
        return speaksTls.getOrDefault(endpoint, false) ? backendTls : null;
    }

    /** Records what an endpoint speaks once it answered in HTTP over {@code connection}. */
    void confirm(Endpoint endpoint, Channel connection) {
        if (!speaksTls.containsKey(endpoint)) speaksTls.putIfAbsent(endpoint, connection.pipeline().get(SslHandler.class) != null);
    }

    /**
     * A connection failed before any answer. When the endpoint's protocol is not known yet, the next attempt tries
     * the other one; a failed TLS handshake settles it as plain.
     *
     * @return whether another attempt may succeed where this one failed
     */
    boolean reconsider(Endpoint endpoint, Channel failed) {
        SslHandler tls = failed.pipeline().get(SslHandler.class);
        if (tls != null && !tls.handshakeFuture().isSuccess()) return speaksTls.replace(endpoint, true, false);
        return tls == null && speaksTls.putIfAbsent(endpoint, true) == null;
    }
}
