package dev.localhome.bootstrap.e2e;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A local port that stands for {@code CONNECT <target>} through the daemon, for clients with no proxy support
 * (nghttp): each connection to it gets a tunnel of its own, opened as a browser would, then bytes go both ways as
 * they are. The client's TLS and ALPN run end to end with the daemon's interception.
 */
final class TunnelingRelay implements AutoCloseable {
    private final ServerSocket listener;
    private final int daemonPort;
    private final String target;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();

    TunnelingRelay(int daemonPort, String target) throws IOException {
        this.daemonPort = daemonPort;
        this.target = target;
        listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        daemonThread("tunnel-accept", this::accept).start();
    }

    int port() {
        return listener.getLocalPort();
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
                Socket upstream = Tunnels.open(daemonPort, target).socket();
                upstream.setSoTimeout(0); // the client decides how long it waits, not this relay
                sockets.add(upstream);
                daemonThread("tunnel-up", () -> pump(client, upstream)).start();
                daemonThread("tunnel-down", () -> pump(upstream, client)).start();
            } catch (IOException e) {
                closeQuietly(client); // no tunnel: the client sees its connection end, as with a refusing proxy
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
        sockets.forEach(TunnelingRelay::closeQuietly);
    }
}
