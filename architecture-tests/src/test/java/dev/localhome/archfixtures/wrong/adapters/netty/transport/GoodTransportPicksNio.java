package dev.localhome.archfixtures.wrong.adapters.netty.transport;

import io.netty.channel.socket.nio.NioSocketChannel;

/** The one place that names a concrete transport. */
final class GoodTransportPicksNio {
    Class<?> channel() {
        return NioSocketChannel.class;
    }
}
