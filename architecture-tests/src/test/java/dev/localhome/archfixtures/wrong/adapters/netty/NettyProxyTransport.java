package dev.localhome.archfixtures.wrong.adapters.netty;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.ChannelFuture;
import java.net.InetSocketAddress;

/** The one listener, allowed to build and bind the ServerBootstrap. */
final class NettyProxyTransport {
    ChannelFuture start(int port) {
        ServerBootstrap server = new ServerBootstrap();
        return server.bind(new InetSocketAddress("127.0.0.1", port));
    }
}
