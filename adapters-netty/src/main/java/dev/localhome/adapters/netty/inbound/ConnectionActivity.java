package dev.localhome.adapters.netty.inbound;

import io.netty.channel.Channel;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.ServerChannel;
import io.netty.handler.codec.http2.DefaultHttp2GoAwayFrame;
import io.netty.handler.codec.http2.Http2Connection;
import io.netty.handler.codec.http2.Http2ConnectionAdapter;
import io.netty.handler.codec.http2.Http2ConnectionHandler;
import io.netty.handler.codec.http2.Http2Error;
import io.netty.handler.codec.http2.Http2Stream;
import io.netty.util.AttributeKey;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a client connection is doing, as far as a stop needs to know: in the middle of an exchange, or idle between
 * two; carrying a response without end (Server-Sent Events) or WebSockets. Kept on the connection (the socket, not an
 * h2 stream) by the handlers that see it: {@link ExchangeTracker} behind the HTTP/1.1 codec, the h2 stream codec, the
 * backend's watch of a WebSocket. Every call comes from the connection's event loop, which its h2 streams and its
 * backends share: no volatile fields.
 *
 * <p>{@link #drain} is the stop, for one connection: an idle one closes at once, one in the middle of an exchange
 * when that exchange ends (see {@link #exchangeEnded}), an h2 one after its GOAWAY once its streams are done.
 */
public final class ConnectionActivity {
    private static final Logger log = LoggerFactory.getLogger(ConnectionActivity.class);
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
        Channel connection = channel.parent() != null && !(channel.parent() instanceof ServerChannel)
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
     * h2: a GOAWAY with the last stream the client opened (RFC 9113 §6.8: those up to it are still served, it opens
     * no more), then the connection closes once its last open stream has closed.
     */
    private static void goAway(Channel connection, Http2ConnectionHandler h2) {
        Http2Connection streams = h2.connection();
        log.debug("[{}] stopping: GOAWAY, closed once its {} open stream(s) are done", connection.id(),
                streams.numActiveStreams());
        connection.writeAndFlush(new DefaultHttp2GoAwayFrame(Http2Error.NO_ERROR));
        if (streams.numActiveStreams() == 0) {
            Channels.closeOnFlush(connection);
            return;
        }
        streams.addListener(new Http2ConnectionAdapter() {
            @Override
            public void onStreamClosed(Http2Stream stream) {
                if (streams.numActiveStreams() == 0) Channels.closeOnFlush(connection);
            }
        });
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
        if (pipeline.get(PipelineNames.HTTP2) instanceof Http2ConnectionHandler h2) {
            goAway(connection, h2);
            return;
        }
        if (!webSockets.isEmpty() || pipeline.get(PipelineNames.RELAY) != null) return;
        if (!midExchange || endless || pipeline.get(PipelineNames.EVENT_STREAM) != null) Channels.closeOnFlush(connection);
    }
}
