package dev.localhome.plugins.npmnames;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/**
 * A dev server as {@code npm run dev} would start one, run in a child process: listens on a free loopback port,
 * answers every request with {@code hello from <greeting>}, prints {@code READY:<port>}, exits when stdin closes.
 */
public final class TinyServer {
    private TinyServer() {}

    public static void main(String[] args) throws IOException {
        byte[] body = ("hello from " + args[0]).getBytes(StandardCharsets.UTF_8);
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        System.out.println("READY:" + server.getAddress().getPort());
        System.out.flush();
        while (System.in.read() >= 0) {
            // wait for the parent to close our stdin
        }
        server.stop(0);
    }
}
