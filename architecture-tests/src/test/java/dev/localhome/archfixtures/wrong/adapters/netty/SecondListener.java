package dev.localhome.archfixtures.wrong.adapters.netty;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.ChannelFuture;

/** Wrong: an internal TLS listener beside the real one, the predecessor's bridge. */
final class SecondListener {
    ChannelFuture start() {
        return new ServerBootstrap().bind(0);
    }
}
