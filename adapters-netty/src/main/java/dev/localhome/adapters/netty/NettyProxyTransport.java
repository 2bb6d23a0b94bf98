package dev.localhome.adapters.netty;

import dev.localhome.adapters.netty.inbound.OpenConnections;
import dev.localhome.adapters.netty.inbound.QuietReclaim;
import dev.localhome.adapters.netty.routing.ProxyContext;
import dev.localhome.adapters.netty.transport.Transport;
import dev.localhome.adapters.netty.tunnel.TlsContexts;

import dev.localhome.domain.ServiceName;
import dev.localhome.domain.port.ProxyTransport;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The listener: one per loopback address, the same pipeline on each. Every mode (reverse, forward, tunnels, TLS) is
 * served on the connections they accept. Bound to {@code 127.0.0.1} (the default), it listens on {@code ::1} as
 * well, on the same port: browsers and Node resolve {@code *.localhost} to both, and try {@code ::1} first. Any
 * other address is bound alone.
 */
final class NettyProxyTransport implements ProxyTransport {
    private static final Logger log = LoggerFactory.getLogger(NettyProxyTransport.class);
    private static final String IPV4_LOOPBACK = "127.0.0.1";
    private static final String IPV6_LOOPBACK = "::1";
    /**
     * The period {@link QuietReclaim} looks at: one without a request before the heap is compacted and shrunk, so
     * 20 to 40 s after the last one; time for a developer to read the page, not to reload it.
     */
    private static final Duration QUIET = Duration.ofSeconds(20);
    /**
     * Event loops, at most: each costs a thread, its buffer caches and, under load, a C heap arena of its own. A dev
     * server's traffic on loopback is served by a few (BENCHMARKS.md: tens of thousands of requests a second on two).
     */
    private static final int MAX_EVENT_LOOPS = 4;

    private final Transport transport;
    private final Function<Transport, ProxyContext> contextFactory;
    private final TlsContexts tls;
    private EventLoopGroup acceptor;
    private EventLoopGroup workers;
    private final List<Channel> listeners = new ArrayList<>();
    private final OpenConnections open = new OpenConnections();

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
        if (!listeners.isEmpty()) throw new IllegalStateException("already started");
        acceptor = transport.newGroup(1, "localhome-accept");
        workers = transport.newGroup(Math.min(Runtime.getRuntime().availableProcessors(), MAX_EVENT_LOOPS), "localhome-io");
        ServerBootstrap server = new ServerBootstrap()
                .group(acceptor, workers)
                .channel(transport.serverChannel())
                .option(ChannelOption.SO_BACKLOG, 1024)
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.SO_KEEPALIVE, true)
                .childHandler(new ProxyInitializer(contextFactory.apply(transport), open));
        int bound;
        try {
            Channel first = server.bind(bindHost, port).sync().channel();
            listeners.add(first);
            bound = ((InetSocketAddress) first.localAddress()).getPort();
        } catch (RuntimeException | InterruptedException e) {
            stop(Duration.ZERO);
            throw e;
        }
        log.info("listening on {}:{} with the {} transport", bindHost, bound, transport.name());
        if (IPV4_LOOPBACK.equals(bindHost)) bindIpv6Loopback(server, bound);
        QuietReclaim.install(workers.next(), QUIET);
        return bound;
    }

    /** The second loopback address, when the machine has it: without IPv6 the daemon goes on with IPv4 alone. */
    private void bindIpv6Loopback(ServerBootstrap server, int port) throws InterruptedException {
        ChannelFuture bound = server.bind(IPV6_LOOPBACK, port).await();
        if (bound.isSuccess()) {
            listeners.add(bound.channel());
            log.info("listening on [{}]:{} too", IPV6_LOOPBACK, port);
        } else {
            log.info("not listening on [{}]:{} ({}): IPv4 only", IPV6_LOOPBACK, port, bound.cause().toString());
        }
    }

    /**
     * Closes the listeners first (a new connection is refused from here on), then lets every connection end its
     * exchange in flight, up to {@code grace} ({@link OpenConnections#drain}), and only then stops the event loops,
     * which closes whatever is left.
     */
    @Override
    public synchronized void stop(Duration grace) {
        QuietReclaim.uninstall();
        for (Channel listener : listeners) listener.close().awaitUninterruptibly();
        if (!listeners.isEmpty()) open.drain(grace);
        listeners.clear();
        if (acceptor != null) acceptor.shutdownGracefully(0, 1_000, TimeUnit.MILLISECONDS);
        if (workers != null) workers.shutdownGracefully(0, 1_000, TimeUnit.MILLISECONDS).awaitUninterruptibly(2_000);
    }
}
