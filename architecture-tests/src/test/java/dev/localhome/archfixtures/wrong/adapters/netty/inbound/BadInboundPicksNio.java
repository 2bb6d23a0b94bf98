package dev.localhome.archfixtures.wrong.adapters.netty.inbound;

import io.netty.channel.socket.nio.NioSocketChannel;

/** Wrong: a concrete Netty transport named outside the transport package. */
final class BadInboundPicksNio {
    Class<?> channel() {
        return NioSocketChannel.class;
    }
}
