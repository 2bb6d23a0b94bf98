package dev.localhome.adapters.netty.inbound;

import java.time.Duration;

/**
 * The limits every client connection lives within, and what its h2 connections offer. Each limit is answered clearly
 * when crossed: {@code 414} for a long request line, {@code 431} for large or many headers, a close for a head that
 * takes too long or a connection past the cap (with a log line).
 *
 * @param maxRequestLine  longest request line, in bytes
 * @param maxHeaderBytes  largest header block, in bytes
 * @param maxHeaderFields most header fields in one request
 * @param headTimeout     longest time from a request's first byte to the end of its head (slowloris)
 * @param idleTimeout     how long an idle keep-alive connection stays open; never applies to an exchange in flight,
 *                        a WebSocket or a tunnel relay
 * @param maxConnections  most client connections open at once
 * @param http2WebSockets whether h2 tunnels carry WebSockets on their streams (extended CONNECT, RFC 8441)
 * @param backendTimeout  longest wait from a request's going out to its backend's response head, answered by a
 *                        {@code 504}; a response that has started is never cut by it (SSE, streaming)
 */
public record ProxyLimits(int maxRequestLine, int maxHeaderBytes, int maxHeaderFields, Duration headTimeout,
                          Duration idleTimeout, int maxConnections, boolean http2WebSockets, Duration backendTimeout) {

    /** Long enough for a dev server's first request, which often compiles the page (webpack, Next.js, Vite's deps). */
    public static final Duration DEFAULT_BACKEND_TIMEOUT = Duration.ofSeconds(120);

    public static ProxyLimits defaults() {
        return new ProxyLimits(8 * 1024, 64 * 1024, 200, Duration.ofSeconds(10), Duration.ofSeconds(120), 4_096, true, DEFAULT_BACKEND_TIMEOUT);
    }

    public ProxyLimits {
        if (maxRequestLine < 256 || maxHeaderBytes < 1024 || maxHeaderFields < 8 || maxConnections < 1)
            throw new IllegalArgumentException("limits too small: " + this);
        if (headTimeout.isNegative() || headTimeout.isZero() || idleTimeout.isNegative() || idleTimeout.isZero()
                || backendTimeout.isNegative() || backendTimeout.isZero())
            throw new IllegalArgumentException("timeouts must be positive: " + this);
    }

    public ProxyLimits withHeadTimeout(Duration timeout) {
        return new ProxyLimits(maxRequestLine, maxHeaderBytes, maxHeaderFields, timeout, idleTimeout, maxConnections, http2WebSockets, backendTimeout);
    }

    public ProxyLimits withIdleTimeout(Duration timeout) {
        return new ProxyLimits(maxRequestLine, maxHeaderBytes, maxHeaderFields, headTimeout, timeout, maxConnections, http2WebSockets, backendTimeout);
    }

    public ProxyLimits withMaxConnections(int max) {
        return new ProxyLimits(maxRequestLine, maxHeaderBytes, maxHeaderFields, headTimeout, idleTimeout, max, http2WebSockets, backendTimeout);
    }

    public ProxyLimits withHttp2WebSockets(boolean enabled) {
        return new ProxyLimits(maxRequestLine, maxHeaderBytes, maxHeaderFields, headTimeout, idleTimeout, maxConnections, enabled, backendTimeout);
    }

    public ProxyLimits withBackendTimeout(Duration timeout) {
        return new ProxyLimits(maxRequestLine, maxHeaderBytes, maxHeaderFields, headTimeout, idleTimeout, maxConnections, http2WebSockets, timeout);
    }
}
