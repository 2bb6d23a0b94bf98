package dev.localhome.adapters.netty.inbound;

/**
 * The name of every handler, and the journey of a connection through them. The pipeline is the state machine: a
 * handler that has done its job replaces itself with the next one. The full drawing, with the class that does each
 * step, is adapters-netty/README.md; PipelineNamesTest keeps both in step with the handler classes.
 *
 * <pre>
 * accepted           [head-deadline] [first-byte] [http] [exchanges] [flow-control] [router]   (connection-limit
 *                                    leaves once counted; first-byte at the first byte unless it is TLS; exchanges
 *                                    follows every later [http] of the connection)
 *   TLS on this port (CA)            [first-byte] [http] [flow-control] [router] give way to [tls] [alpn], then as
 *                                    CONNECT app:443 below, but [router(direct, tls)]: routed by Host
 *   GET /x, Host: app.localhost      router forwards; the backend channel is [http-client] [response-deadline]
 *                                    [websocket-goodbye] [response]
 *   GET /ws, Upgrade: websocket      at its end, [http] is an encoder and [upgrade-hold] holds what follows
 *   101 Switching Protocols          both sides become [relay]; the hold's bytes go first
 *   CONNECT app:80                   [tunnel-setup] (early bytes wait in it), then [http] [flow-control] [router(in tunnel to app)]
 *   CONNECT app:443 (CA)             [tunnel-setup], then [tls] [alpn], then [tls] [http] [flow-control] [router(app, tls)]
 *                                    or, for h2, [tls] [http2-flush] [http2] [http2-streams] [http2-errors],
 *                                    each stream [extended-connect] [http] [flow-control] [router(app, tls)], where
 *                                    [extended-connect] leaves at the first request unless it is a WebSocket
 *                                    (RFC 8441): then, after the backend's 101, [http] [relay]
 *   CONNECT app:443 (no CA)          [tunnel-setup], then [relay] to the backend's own TLS
 *   CONNECT app:3000 (app's port)    [tunnel-setup] answers 200, then the first byte picks: TLS as for app:443
 *                                    (or [relay] without a CA), else HTTP as for app:80, all to port 3000
 *   CONNECT nope:443                 closed, no bytes
 *   GET /api/requests/stream         [router] becomes [event-stream] for the rest of the connection (or h2 stream)
 * </pre>
 */
public final class PipelineNames {
    public static final String CONNECTION_LIMIT = "connection-limit";
    public static final String HEAD_DEADLINE = "head-deadline";
    public static final String HTTP = "http";
    public static final String ROUTER = "router";
    /** Right behind [http]: where the connection is between exchanges, for a graceful stop. */
    public static final String EXCHANGES = "exchanges";

    /** Netty's FlowControlHandler, in front of the router: what the codec decoded while reading paused waits there. */
    public static final String FLOW_CONTROL = "flow-control";
    public static final String TUNNEL_SETUP = "tunnel-setup";
    /** At accept, in front of [http]: the first byte says TLS (then [tls] [alpn] take [http]'s place) or not. */
    public static final String FIRST_BYTE = "first-byte";
    public static final String TLS = "tls";
    public static final String ALPN = "alpn";
    public static final String HTTP2_FLUSH = "http2-flush";
    public static final String HTTP2 = "http2";
    public static final String HTTP2_STREAMS = "http2-streams";
    public static final String HTTP2_ERRORS = "http2-errors";
    public static final String EXTENDED_CONNECT = "extended-connect";
    public static final String RELAY = "relay";
    /** In front of the router from an upgrade request's end until the backend answers: holds what the client sent. */
    public static final String UPGRADE_HOLD = "upgrade-hold";
    public static final String IDLE = "idle";
    public static final String HTTP_CLIENT = "http-client";
    public static final String RESPONSE = "response";
    /** Right behind a backend's codec: bounds the wait for a response head, from the request's going out. */
    public static final String RESPONSE_DEADLINE = "response-deadline";
    /** Between a backend's codec and its response handler: after a {@code 101}, ends a WebSocket well at a stop. */
    public static final String WEBSOCKET_GOODBYE = "websocket-goodbye";

    /** In the response handler's place from a {@code 101}'s head to its end: the hand-off to the relay. */
    public static final String PROTOCOL_SWITCH = "protocol-switch";
    /** At the front of a client connection being closed after a response: drops what the client still sends. */
    public static final String LINGERING_CLOSE = "lingering-close";
    /** In the router's place once a request opened {@code /api/requests/stream}: the connection is that stream. */
    public static final String EVENT_STREAM = "event-stream";

    private PipelineNames() {}
}
