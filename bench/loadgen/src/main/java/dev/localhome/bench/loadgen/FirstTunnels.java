package dev.localhome.bench.loadgen;

import io.netty.channel.Channel;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Mode first: for each name in turn, two tunnels one after the other (CONNECT NAME:443, full TLS handshake, one GET):
 * the first pays for whatever the daemon does the first time it meets a name, the second shows the steady cost.
 */
final class FirstTunnels {
    /** One tunnel's phases; {@code error} is null when it worked. */
    record Tunnel(String name, int number, SetupTimes times, long getNanos, ErrorKind error, String message) {
        double totalMillis() {
            return (times.ready - times.started + getNanos) / 1e6;
        }
    }

    private FirstTunnels() {}

    static Summary run(Options options, NettyTransport transport, ClientTls tls) throws InterruptedException {
        EventLoopGroup group = transport.newGroup(1);
        EventLoop loop = group.next();
        LoopStats stats = new LoopStats();
        List<Tunnel> tunnels = new ArrayList<>();
        long start = System.nanoTime();
        try {
            warmUp(options, transport, tls, loop);
            start = System.nanoTime();
            for (String name : options.names()) {
                Connector connector = new Connector(options.forFirstTunnel(name), transport, tls);
                for (int number = 1; number <= 2; number++) {
                    Tunnel tunnel = open(loop, connector, name, number, options.timeout().toNanos());
                    tunnels.add(tunnel);
                    if (tunnel.error() == null) {
                        stats.connection(tunnel.times().total());
                        stats.request(tunnel.getNanos());
                    } else {
                        stats.error(tunnel.error(), tunnel.message(), (long) (tunnel.totalMillis() * 1e6));
                    }
                }
            }
        } finally {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).await(10, TimeUnit.SECONDS);
        }
        return new Summary(options, (System.nanoTime() - start) / 1e9, stats, transport.name(), tls.provider(), tunnels);
    }

    /**
     * With {@code --warmup}: tunnels to {@code --name} (a name the daemon already serves) for that long, not recorded,
     * so that the measured first tunnels show the daemon's first-time cost, not this client's own cold start.
     */
    private static void warmUp(Options options, NettyTransport transport, ClientTls tls, EventLoop loop)
            throws InterruptedException {
        Connector warm = new Connector(options.forFirstTunnel(options.name()), transport, tls);
        long end = System.nanoTime() + options.warmup().toNanos();
        for (int number = 1; System.nanoTime() < end; number++) {
            open(loop, warm, options.name(), number, options.timeout().toNanos());
        }
    }

    private static Tunnel open(EventLoop loop, Connector connector, String name, int number, long timeoutNanos)
            throws InterruptedException {
        OneTunnel tunnel = new OneTunnel(name, number);
        loop.execute(() -> {
            tunnel.channel = connector.open(loop, tunnel);
            loop.schedule(() -> tunnel.failed(ErrorKind.TIMEOUT, "no answer within " + timeoutNanos / 1_000_000 + " ms",
                    tunnel.times == null ? System.nanoTime() : tunnel.times.started), timeoutNanos, TimeUnit.NANOSECONDS);
        });
        try {
            return tunnel.result.get(timeoutNanos + TimeUnit.SECONDS.toNanos(5), TimeUnit.NANOSECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("tunnel " + number + " to " + name + " never ended", e);
        }
    }

    /** Events of one tunnel, all on the loop; the first outcome wins. */
    private static final class OneTunnel implements ConnectionEvents {
        final CompletableFuture<Tunnel> result = new CompletableFuture<>();
        final String name;
        final int number;
        Channel channel;
        SetupTimes times;
        long getNanos;
        boolean asked;

        OneTunnel(String name, int number) {
            this.name = name;
            this.number = number;
        }

        @Override
        public void ready(Channel channel, Exchanges exchanges, SetupTimes times) {
            this.times = times;
            exchanges.begin();
        }

        @Override
        public boolean mayStartRequest() {
            boolean first = !asked;
            asked = true;
            return first;
        }

        @Override
        public void responded(long startedNanos, long endedNanos) {
            getNanos = endedNanos - startedNanos;
        }

        @Override
        public void failed(ErrorKind kind, Throwable cause, long startedNanos) {
            failed(kind, String.valueOf(cause), startedNanos);
        }

        void failed(ErrorKind kind, String message, long startedNanos) {
            if (result.isDone()) return;
            if (channel != null) channel.close();
            SetupTimes partial = times != null ? times : new SetupTimes(startedNanos);
            if (times == null) partial.ready = System.nanoTime();
            result.complete(new Tunnel(name, number, partial, times == null ? 0 : System.nanoTime() - partial.ready, kind, message));
        }

        @Override
        public void finished() {
            if (result.isDone()) return;
            channel.close();
            result.complete(new Tunnel(name, number, times, getNanos, null, null));
        }
    }
}
