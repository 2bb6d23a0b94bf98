package dev.localhome.adapters.netty;

import dev.localhome.adapters.netty.routing.ProxyContext;
import dev.localhome.adapters.netty.transport.Transport;
import dev.localhome.adapters.netty.tunnel.TlsContexts;

import dev.localhome.domain.ServiceName;
import dev.localhome.domain.port.ProxyTransport;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The one listener. Every mode (reverse, forward, tunnels, TLS) is served on the connections it accepts. */
final class NettyProxyTransport implements ProxyTransport {
    private static final Logger log = LoggerFactory.getLogger(NettyProxyTransport.class);

    private final Transport transport;
    private final Function<Transport, ProxyContext> contextFactory;
    private final TlsContexts tls;
    private EventLoopGroup acceptor;
    private EventLoopGroup workers;
    private Channel listener;

    NettyProxyTransport(Transport transport, TlsContexts tls, Function<Transport, ProxyContext> contextFactory) {
        this.transport = transport;
        this.tls = tls;
        this.contextFactory = contextFactory;
    }

    @Override
    public void prepareFor(ServiceName name) {
        tls.prepare(name);
    }

    @Override
    public synchronized int start(String bindHost, int port) throws InterruptedException {
        if (listener != null) throw new IllegalStateException("already started");
        acceptor = transport.newGroup(1, "localhome-accept");
        workers = transport.newGroup(Runtime.getRuntime().availableProcessors(), "localhome-io");
        ServerBootstrap server = new ServerBootstrap()
                .group(acceptor, workers)
                .channel(transport.serverChannel())
                .option(ChannelOption.SO_BACKLOG, 1024)
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.SO_KEEPALIVE, true)
                .childHandler(new ProxyInitializer(contextFactory.apply(transport)));
        try {
            listener = server.bind(bindHost, port).sync().channel();
        } catch (RuntimeException | InterruptedException e) {
            stop(Duration.ZERO);
            throw e;
        }
        int bound = ((InetSocketAddress) listener.localAddress()).getPort();
        log.info("listening on {}:{} with the {} transport", bindHost, bound, transport.name());
        return bound;
    }

    @Override
    public synchronized void stop(Duration grace) {
        if (listener != null) listener.close().awaitUninterruptibly();
        long graceMillis = grace.toMillis();
        long quietMillis = Math.min(200, graceMillis);
        if (acceptor != null) acceptor.shutdownGracefully(0, graceMillis, TimeUnit.MILLISECONDS);
        if (workers != null)
            workers.shutdownGracefully(quietMillis, graceMillis, TimeUnit.MILLISECONDS).awaitUninterruptibly(graceMillis + 1_000);
        listener = null;
    }
}
