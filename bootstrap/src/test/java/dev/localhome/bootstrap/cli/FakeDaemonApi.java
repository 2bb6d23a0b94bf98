package dev.localhome.bootstrap.cli;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/** A stand-in daemon that answers {@code /api/status} with a fixed body, for output that must not depend on timing. */
public final class FakeDaemonApi implements AutoCloseable {
    /** What /api/status will say, in the shape the daemon documents. */
    public static final String STATUS = """
            {"version":"1.2.3","startedAt":"2026-01-02T03:04:05Z","uptimeSeconds":3725,"bind":"127.0.0.1",\
            "port":%d,"name":"home","transport":"epoll",\
            "ca":{"interception":true,"origin":"mkcert","path":"/home/me/.local/share/mkcert/rootCA.pem","sha256":"AB:CD"},\
            "plugins":["dev.localhome.plugins.npmnames.NpmNamesPlugin"],\
            "services":[{"name":"app","port":5173,"ports":[5173,9229],"url":"http://app.localhost:%d/",\
            "processes":[{"pid":4242,"command":"node /srv/app/node_modules/.bin/vite"}]},\
            {"name":"api.shop","port":8080,"ports":[8080],"url":"http://api.shop.localhost:%d/","processes":[]},\
            {"name":"old","state":"stopped","lastSeen":"2026-01-02T04:00:00Z","port":3000,"ports":[3000],\
            "url":"http://old.localhost:9090/","processes":[{"pid":77,"command":"python3 -m http.server"}]}]}""";

    /** What /api/requests will say: a finished request and a closed WebSocket, in the shape of the inspector's JSON. */
    static final String REQUESTS = """
            [{"id":41,"service":"app","startedAt":"2026-01-02T03:04:05.123Z","method":"GET","target":"/x?y=1",\
            "protocol":"h1","arrival":"host","answeredBy":"backend","status":200,"state":"done","firstByteMs":1.25,\
            "totalMs":3.5,"bytesIn":0,"bytesOut":123},\
            {"id":42,"service":"app","startedAt":"2026-01-02T03:04:06Z","method":"GET","target":"/ws",\
            "protocol":"websocket","arrival":"tls","answeredBy":"backend","status":101,"state":"done","firstByteMs":2.0,\
            "totalMs":900.0,"bytesIn":40,"bytesOut":50,"websocket":{"messagesIn":2,"messagesOut":3,"closeCode":1000}}]""";

    private final HttpServer server;

    public FakeDaemonApi() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/api/status", exchange -> {
            byte[] body = STATUS.formatted(port(), port(), port()).getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.createContext("/api/requests", exchange -> {
            byte[] body = REQUESTS.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
