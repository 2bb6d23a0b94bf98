package dev.localhome.bench.loadgen;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;

/** Epoll when the native library loads, NIO otherwise. */
record NettyTransport(String name, IoHandlerFactory ioHandler, Class<? extends SocketChannel> channel) {

    static NettyTransport best() {
        if (Epoll.isAvailable()) return new NettyTransport("epoll", EpollIoHandler.newFactory(), EpollSocketChannel.class);
        return new NettyTransport("nio", NioIoHandler.newFactory(), NioSocketChannel.class);
    }

    EventLoopGroup newGroup(int threads) {
        return new MultiThreadIoEventLoopGroup(threads, new DefaultThreadFactory("loadgen", true), ioHandler);
    }
}
