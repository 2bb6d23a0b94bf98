package dev.localhome.archfixtures.wrong.adapters.discovery;

import io.netty.channel.socket.nio.NioServerSocketChannel;

/** Wrong: a Netty server channel made by hand, a listener without the ServerBootstrap (and Netty outside its adapter). */
final class BadDiscoveryMakesNettyServerChannel {
    Object listen() {
        return new NioServerSocketChannel();
    }
}
