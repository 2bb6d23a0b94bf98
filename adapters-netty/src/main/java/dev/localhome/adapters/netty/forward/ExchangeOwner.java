package dev.localhome.adapters.netty.forward;

import io.netty.channel.ChannelHandlerContext;

/**
 * What an exchange asks of the client connection's router (the routing package's request router): an interface
 * here, so forwarding does not depend on routing while routing creates exchanges.
 */
public interface ExchangeOwner {
    /** Reads on while the backend takes the body as fast as it comes; pauses otherwise. */
    void updateReading(ChannelHandlerContext ctx);

    /** The exchange's response has been written in full; {@code after} says what becomes of the connection. */
    void exchangeFinished(ChannelHandlerContext ctx, AfterResponse after);
}
