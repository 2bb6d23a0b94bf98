package dev.localhome.adapters.netty.inbound;

import io.netty.channel.Channel;
import io.netty.channel.ChannelPipeline;
import io.netty.util.AttributeKey;
import java.util.ArrayList;
import java.util.List;

/**
 * What a client connection is doing, as far as a stop needs to know: in the middle of an exchange, or idle between
 * two; carrying a stream without end (Server-Sent Events) or WebSockets. Kept on the connection (the socket, not an h2
 * stream) by the handlers that see it: the handler behind the HTTP/1.1 codec ({@link ExchangeTracker}), the h2 stream codec, the
 * backend's watch of a WebSocket. Every call comes from the connection's event loop, which its h2 streams and its
 * backends share: no volatile fields.
 *
 * <p>{@link #drain} is the stop, for one connection: an idle one closes at once, one in the middle of an exchange
 * when that exchange ends (see {@link #exchangeEnded}), an h2 one after its GOAWAY once its streams are done.
 */
public final class ConnectionActivity {
    private static final AttributeKey<ConnectionActivity> KEY = AttributeKey.valueOf("localhome.activity");

    /** A WebSocket relayed on this connection, which a stop tells to say goodbye (close code 1001, going away). */
    public interface GoingAway {
        void goingAway();
    }

    private boolean midExchange;
    private boolean endless;
    private boolean draining;
    private final List<GoingAway> webSockets = new ArrayList<>(1);
    private final List<Channel> endlessStreams = new ArrayList<>(0);

    private ConnectionActivity() {}

    /** The activity of {@code channel}'s connection: an h2 stream's is its parent's. */
    public static ConnectionActivity of(Channel channel) {
        Channel connection = channel.parent() != null && !(channel.parent() instanceof io.netty.channel.ServerChannel)
                ? channel.parent() : channel;
        ConnectionActivity activity = connection.attr(KEY).get();
        if (activity != null) return activity;
        activity = new ConnectionActivity();
        ConnectionActivity raced = connection.attr(KEY).setIfAbsent(activity);
        return raced != null ? raced : activity;
    }

    /** A request head came in: an exchange has begun. */
    void requestHead() {
        midExchange = true;
    }

    /** A tunnel's own HTTP codec is in place: the {@code CONNECT}'s exchange is over, the tunnel's requests follow. */
    void tunnelOpened() {
        midExchange = false;
    }

    /** A final response's head: one with no end ({@code text/event-stream}) never keeps a stop waiting. */
    void responseHead(boolean withoutEnd) {
        endless = withoutEnd;
    }

    /** Whether a stop has begun: then every response says {@code Connection: close}. */
    boolean draining() {
        return draining;
    }

    /** The final response ended: between exchanges now, and closed after it when a stop has begun. */
    void exchangeEnded(Channel connection) {
        midExchange = false;
        endless = false;
        if (draining) Channels.closeOnFlush(connection);
    }

    /** An h2 stream whose response has no end: a stop closes it, rather than wait for it. */
    public void endlessStream(Channel stream) {
        endlessStreams.add(stream);
        stream.closeFuture().addListener(closed -> endlessStreams.remove(stream));
    }

    /** A WebSocket now relayed on this connection, until {@code relayClosed} completes. */
    public void webSocket(GoingAway socket, Channel relay) {
        webSockets.add(socket);
        relay.closeFuture().addListener(closed -> webSockets.remove(socket));
    }

    /**
     * Begins the stop of {@code connection} (call on its event loop): idle, closed now; in an exchange, closed when it
     * ends; h2, a GOAWAY now and closed once its streams are done; a WebSocket gets its close frame; an opaque TLS relay
     * (no CA to see inside) is left to the end of the grace period.
     */
    void drain(Channel connection) {
        draining = true;
        List.copyOf(webSockets).forEach(GoingAway::goingAway);
        List.copyOf(endlessStreams).forEach(Channel::close);
        ChannelPipeline pipeline = connection.pipeline();
        if (pipeline.get(PipelineNames.HTTP2) != null) {
            connection.close(); // Http2ConnectionHandler: GOAWAY, then the close waits for the open streams
            return;
        }
        if (!webSockets.isEmpty() || pipeline.get(PipelineNames.RELAY) != null) return;
        if (!midExchange || endless || pipeline.get(PipelineNames.EVENT_STREAM) != null) Channels.closeOnFlush(connection);
    }
}
