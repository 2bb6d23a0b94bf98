package dev.localhome.archfixtures.silent.adapters.netty;

import io.netty.bootstrap.ServerBootstrap;

/** Wrong: the one listener no longer builds the ServerBootstrap (so it is built somewhere the rules do not look). */
final class NettyProxyTransport {
    ServerBootstrap server;
}
