package dev.localhome.adapters.netty.transport;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.channel.uring.IoUring;
import io.netty.channel.uring.IoUringIoHandler;
import io.netty.channel.uring.IoUringServerSocketChannel;
import io.netty.channel.uring.IoUringSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.util.List;
import java.util.Optional;

/**
 * The one place that names a concrete Netty transport: epoll, io_uring or NIO, with the event loops and channel
 * classes that go with each. The daemon's {@code transport} setting picks one by name; {@code auto} takes the first
 * of {@link #AUTO_ORDER} that loads on this machine.
 */
public record Transport(String name, IoHandlerFactory ioHandler, Class<? extends ServerChannel> serverChannel,
                        Class<? extends SocketChannel> clientChannel) {
    public static final String AUTO = "auto";
    /** What the {@code transport} setting accepts. */
    public static final List<String> CHOICES = List.of(AUTO, "epoll", "io_uring", "nio");
    /**
     * Fastest first, by the CPU per request of BENCHMARKS.md "Transports" (the three on one jar, interleaved,
     * and the 500-tunnel bursts): epoll costs the least or ties on every path; io_uring (Netty 4.2.18) ties on
     * plain HTTP and new tunnels but costs 1.3–1.7× on intercepted TLS and h2; NIO ties on plain HTTP and costs the
     * most in bursts of new tunnels, where its clients also timed out.
     */
    static final List<String> AUTO_ORDER = List.of("epoll", "io_uring", "nio");

    /** The fastest transport that loads here: never fails, NIO always loads. */
    public static Transport best() {
        return chosen(AUTO);
    }

    /**
     * The transport called {@code choice}, one of {@link #CHOICES}.
     *
     * @throws IllegalArgumentException when {@code choice} is no transport's name
     * @throws IllegalStateException when it names a transport that cannot load here, with the reason (an explicit
     *                               choice is never silently replaced: see {@link #whyUnavailable})
     */
    public static Transport chosen(String choice) {
        if (AUTO.equals(choice))
            return AUTO_ORDER.stream().filter(name -> whyUnavailable(name).isEmpty()).findFirst()
                    .map(Transport::load).orElseThrow();
        Optional<String> why = whyUnavailable(choice);
        if (why.isPresent())
            throw new IllegalStateException("the %s transport cannot load on this machine: %s".formatted(choice, why.get()));
        return load(choice);
    }

    /**
     * Why the transport {@code name} cannot run here (its native library did not load, or the kernel refuses
     * io_uring, e.g. {@code io_uring_disabled} or a seccomp filter), or empty when it can.
     *
     * @throws IllegalArgumentException when {@code name} is no transport's name ({@code auto} always loads)
     */
    public static Optional<String> whyUnavailable(String name) {
        return switch (name) {
            case AUTO, "nio" -> Optional.empty();
            case "epoll" -> Optional.ofNullable(Epoll.unavailabilityCause()).map(Transport::reason);
            case "io_uring" -> Optional.ofNullable(IoUring.unavailabilityCause()).map(Transport::reason);
            default -> throw new IllegalArgumentException(
                    "no transport called '%s' (known: %s)".formatted(name, String.join(", ", CHOICES)));
        };
    }

    private static Transport load(String name) {
        return switch (name) {
            case "epoll" -> new Transport(name, EpollIoHandler.newFactory(), EpollServerSocketChannel.class,
                    EpollSocketChannel.class);
            case "io_uring" -> new Transport(name, IoUringIoHandler.newFactory(), IoUringServerSocketChannel.class,
                    IoUringSocketChannel.class);
            case "nio" -> new Transport(name, NioIoHandler.newFactory(), NioServerSocketChannel.class,
                    NioSocketChannel.class);
            default -> throw new IllegalArgumentException("no transport called '" + name + "'");
        };
    }

    /** The innermost message: the outer ones only say "failed to load" again. */
    private static String reason(Throwable cause) {
        Throwable root = cause;
        while (root.getCause() != null && root.getCause() != root) root = root.getCause();
        String message = root.getMessage() != null ? root.getMessage() : root.getClass().getSimpleName();
        return root == cause ? message : cause.getMessage() + " (" + message + ")";
    }

    public EventLoopGroup newGroup(int threads, String threadPrefix) {
        return new MultiThreadIoEventLoopGroup(threads, new DefaultThreadFactory(threadPrefix, true), ioHandler);
    }
}
