package dev.localhome.adapters.netty.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A backend written by hand on a loopback {@link ServerSocket}, for what a well-behaved server never does: die
 * mid-response, close a kept-alive connection, trickle a body, answer after a half-close. Each accepted connection
 * runs {@link Behaviour} on a thread of its own.
 */
public final class RawBackend implements AutoCloseable {
    /** What the backend does with one accepted connection; the socket is closed when it returns. */
    @FunctionalInterface
    public interface Behaviour {
        void serve(Socket socket, InputStream in, OutputStream out) throws IOException, InterruptedException;
    }

    private final ServerSocket server;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final AtomicInteger accepted = new AtomicInteger();

    private RawBackend(ServerSocket server, Behaviour behaviour) {
        this.server = server;
        Thread acceptor = new Thread(() -> {
            while (!server.isClosed()) {
                Socket socket;
                try {
                    socket = server.accept();
                } catch (IOException closed) {
                    return;
                }
                accepted.incrementAndGet();
                open.add(socket);
                Thread worker = new Thread(() -> {
                    try (socket) {
                        socket.setSoTimeout(15_000);
                        behaviour.serve(socket, socket.getInputStream(), socket.getOutputStream());
                    } catch (IOException | InterruptedException | RuntimeException ignored) {
                        // the proxy closed on us, or the test ended: both are outcomes the test asserts elsewhere
                    } finally {
                        open.remove(socket);
                    }
                }, "raw-backend-connection");
                worker.setDaemon(true);
                worker.start();
            }
        }, "raw-backend-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    public static RawBackend start(Behaviour behaviour) throws IOException {
        ServerSocket server = new ServerSocket();
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        return new RawBackend(server, behaviour);
    }

    public int port() {
        return server.getLocalPort();
    }

    /** Connections open now: accepted, and neither side has closed them yet. */
    public int open() {
        return open.size();
    }

    /** Connections accepted so far. */
    public int accepted() {
        return accepted.get();
    }

    /** Reads one request head, through its blank line; empty when the peer closed first. */
    public static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int lastFour = 0;
        while (lastFour != 0x0d0a0d0a) { // CR LF CR LF
            int b = in.read();
            if (b < 0) return "";
            head.write(b);
            lastFour = (lastFour << 8) | b;
        }
        return head.toString(StandardCharsets.ISO_8859_1);
    }

    /** The value of {@code Content-Length} in a head, or 0. */
    public static long contentLength(String head) {
        for (String line : head.split("\r\n")) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase("content-length"))
                return Long.parseLong(line.substring(colon + 1).trim());
        }
        return 0;
    }

    public static void write(OutputStream out, String text) {
        try {
            out.write(text.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        for (Socket socket : open) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
    }
}
