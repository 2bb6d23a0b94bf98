package dev.localhome.adapters.netty.inbound;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Caps the client connections open at once. One past the cap is closed at once, with a log line at most every few
 * seconds, so a runaway client cannot exhaust file descriptors and take every dev server down with it.
 */
@ChannelHandler.Sharable
public final class ConnectionLimitHandler extends ChannelInboundHandlerAdapter {
    private static final Logger log = LoggerFactory.getLogger(ConnectionLimitHandler.class);
    private static final long LOG_EVERY_NANOS = 5_000_000_000L;

    private final int max;
    private final AtomicInteger open = new AtomicInteger();
    private final AtomicLong lastLogNanos = new AtomicLong(System.nanoTime() - LOG_EVERY_NANOS);

    public ConnectionLimitHandler(int max) {
        this.max = max;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        if (open.incrementAndGet() > max) {
            long now = System.nanoTime();
            long last = lastLogNanos.get();
            if (now - last >= LOG_EVERY_NANOS && lastLogNanos.compareAndSet(last, now))
                log.warn("refusing connections: {} are open, the limit is {} (maxConnections)", max, max);
            ctx.close();
            return;
        }
        ctx.pipeline().remove(this);
        ctx.channel().closeFuture().addListener(closed -> open.decrementAndGet());
        ctx.fireChannelActive();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        // Only connections refused above reach here: the counted ones removed this handler.
        open.decrementAndGet();
    }

    int open() {
        return open.get();
    }
}
