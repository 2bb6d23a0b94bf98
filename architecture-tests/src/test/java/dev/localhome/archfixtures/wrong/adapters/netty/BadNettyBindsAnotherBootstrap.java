package dev.localhome.archfixtures.wrong.adapters.netty;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.ChannelFuture;

/** Wrong: binds a (copied) ServerBootstrap it did not construct. */
final class BadNettyBindsAnotherBootstrap {
    ChannelFuture rebind(ServerBootstrap template) {
        return template.clone().bind(0);
    }
}
