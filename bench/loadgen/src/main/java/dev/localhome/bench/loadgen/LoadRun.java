package dev.localhome.bench.loadgen;

import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.util.concurrent.EventExecutor;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLException;

/** A closed-loop run of every mode but first: {@code --concurrency} slots spread over the event loops. */
final class LoadRun {
    private LoadRun() {}

    static Summary run(Options options) throws SSLException, InterruptedException {
        NettyTransport transport = NettyTransport.best();
        ClientTls tls = options.mode().tls ? ClientTls.create(options.ca(), options.mode().h2, options.timeout()) : null;
        if (options.mode() == Mode.FIRST) return FirstTunnels.run(options, transport, tls);
        EventLoopGroup group = transport.newGroup(options.threads());
        Map<EventExecutor, LoopStats> statsByLoop = new IdentityHashMap<>();
        for (EventExecutor loop : group) statsByLoop.put(loop, new LoopStats());
        Connector connector = new Connector(options, transport, tls);
        RunClock clock = new RunClock(System.nanoTime(), options);
        List<CompletableFuture<Void>> slots = new ArrayList<>();
        for (int i = 0; i < options.concurrency(); i++) {
            EventLoop loop = (EventLoop) group.next();
            slots.add(new Slot(loop, connector, clock, statsByLoop.get(loop), options.timeout().toNanos()).start());
        }
        // every slot stops at the deadline and waits at most one timeout for what is in flight; this is the backstop
        long capNanos = options.warmup().toNanos() + options.duration().toNanos() + 3 * options.timeout().toNanos()
                + TimeUnit.SECONDS.toNanos(5);
        try {
            CompletableFuture.allOf(slots.toArray(CompletableFuture[]::new)).get(capNanos, TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            System.err.println("loadgen: some connections did not stop in time; reporting what was measured");
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
        double seconds = (System.nanoTime() - clock.recordFrom()) / 1e9;
        // after the loops terminate, everything they wrote is visible here
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).await(10, TimeUnit.SECONDS);
        LoopStats totals = new LoopStats();
        statsByLoop.values().forEach(totals::add);
        return new Summary(options, seconds, totals, transport.name(), tls == null ? "-" : tls.provider(), List.of());
    }
}
