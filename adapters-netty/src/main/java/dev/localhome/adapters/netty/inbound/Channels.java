package dev.localhome.adapters.netty.inbound;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.util.concurrent.EventExecutor;

/** Small helpers every handler uses: one close path, and running on a channel's own event loop. */
public final class Channels {
    private Channels() {}

    /** Writes nothing more, flushes what is queued, then closes: the one way handlers end a connection. */
    public static void closeOnFlush(Channel channel) {
        if (channel != null && channel.isActive())
            channel.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
    }

    /**
     * Like {@link #closeOnFlush}, for a connection whose client may still be sending a request body: after the flush
     * it stops writing, reads and drops what still comes for a bounded time, then closes ({@link LingeringClose}).
     */
    public static void lingeringClose(Channel channel) {
        if (channel != null && channel.isActive())
            channel.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(flushed -> {
                if (flushed.isSuccess()) LingeringClose.begin(channel);
                else channel.close();
            });
    }

    /** Runs {@code task} now when already on {@code executor}'s thread, otherwise queues it there. */
    public static void onLoop(EventExecutor executor, Runnable task) {
        if (executor.inEventLoop()) task.run();
        else executor.execute(task);
    }
}
