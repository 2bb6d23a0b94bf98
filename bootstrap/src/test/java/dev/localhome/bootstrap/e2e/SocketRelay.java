package dev.localhome.bootstrap.e2e;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A byte relay on a loopback port of its own, for clients that cannot be pointed at the daemon the way a test needs:
 * straight to a port (counting the connections a client opens), or through a {@code CONNECT} tunnel it opens for
 * each connection (nghttp has no proxy support). It does not look at the bytes.
 */
final class SocketRelay implements AutoCloseable {
    /** Where each accepted connection's bytes go. */
    @FunctionalInterface
    private interface Upstream {
        Socket open() throws IOException;
    }

    private final ServerSocket listener;
    private final Upstream upstream;
    private final AtomicInteger connections = new AtomicInteger();
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();

    private SocketRelay(Upstream upstream) throws IOException {
        this.upstream = upstream;
        listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        daemonThread("relay-accept", this::accept).start();
    }

    /** Every connection goes on to {@code port}: how many a client opened is {@link #connections()}. */
    static SocketRelay toPort(int port) throws IOException {
        return new SocketRelay(() -> new Socket(InetAddress.getLoopbackAddress(), port));
    }

    /** Every connection goes through its own {@code CONNECT target} to the daemon on {@code daemonPort}. */
    static SocketRelay throughTunnel(int daemonPort, String target) throws IOException {
        return new SocketRelay(() -> {
            Socket tunnel = Tunnels.open(daemonPort, target).socket();
            tunnel.setSoTimeout(0); // the client decides how long it waits, not this relay
            return tunnel;
        });
    }

    int port() {
        return listener.getLocalPort();
    }

    int connections() {
        return connections.get();
    }

    private void accept() {
        while (!listener.isClosed()) {
            Socket client;
            try {
                client = listener.accept();
            } catch (IOException e) {
                return; // closed
            }
            sockets.add(client);
            try {
                Socket to = upstream.open();
                connections.incrementAndGet();
                sockets.add(to);
                daemonThread("relay-up", () -> pump(client, to)).start();
                daemonThread("relay-down", () -> pump(to, client)).start();
            } catch (IOException e) {
                closeQuietly(client); // no upstream: the client sees its connection end, as with a refusing proxy
            }
        }
    }

    private static void pump(Socket from, Socket to) {
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            in.transferTo(out);
        } catch (IOException e) {
            // either side went away: so does the other
        } finally {
            closeQuietly(from);
            closeQuietly(to);
        }
    }

    private static Thread daemonThread(String name, Runnable body) {
        Thread thread = new Thread(body, name);
        thread.setDaemon(true);
        return thread;
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // already closed
        }
    }

    @Override
    public void close() throws IOException {
        listener.close();
        sockets.forEach(SocketRelay::closeQuietly);
    }
}
