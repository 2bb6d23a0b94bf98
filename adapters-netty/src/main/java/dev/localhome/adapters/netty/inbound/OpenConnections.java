package dev.localhome.adapters.netty.inbound;

import io.netty.channel.Channel;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every client connection accepted and still open, for a graceful stop: once the listeners are closed,
 * {@link #drain} asks each to end as soon as it is between exchanges ({@link ConnectionActivity#drain}) and waits for
 * the last one to close, up to the grace period.
 */
public final class OpenConnections {
    private static final Logger log = LoggerFactory.getLogger(OpenConnections.class);

    // a closed channel leaves the group by itself
    private final ChannelGroup open = new DefaultChannelGroup("localhome-clients", GlobalEventExecutor.INSTANCE);

    /** A connection just accepted (call from its initializer). */
    public void accepted(Channel client) {
        open.add(client);
    }

    /**
     * Ends every connection as soon as its exchange in flight has ended, and waits until all are closed or
     * {@code grace} has passed; whatever is still open then is for the caller to close.
     *
     * @return whether every connection closed within the grace period
     */
    public boolean drain(Duration grace) {
        var allClosed = open.newCloseFuture();
        int count = open.size();
        if (count > 0) log.info("stopping: {} connection(s) open, closing each once its exchange in flight ends", count);
        for (Channel client : open) client.eventLoop().execute(() -> ConnectionActivity.of(client).drain(client));
        boolean closed = allClosed.awaitUninterruptibly(grace.toMillis());
        if (!closed) log.info("stopping: {} connection(s) still busy after {} s: closing them", open.size(), grace.toSeconds());
        return closed;
    }
}
