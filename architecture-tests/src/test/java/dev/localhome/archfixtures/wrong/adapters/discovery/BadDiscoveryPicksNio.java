package dev.localhome.archfixtures.wrong.adapters.discovery;

import io.netty.channel.socket.nio.NioSocketChannel;

/** Wrong: a concrete Netty transport named outside the netty adapter's transport package and the engine client. */
final class BadDiscoveryPicksNio {
    Class<?> channel() {
        return NioSocketChannel.class;
    }
}
