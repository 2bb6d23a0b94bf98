package dev.localhome.archfixtures.wrong.adapters.discovery;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;

/** Wrong: the JDK's HTTP server as a second endpoint. */
final class BadDiscoveryStartsHttpServer {
    HttpServer serve() throws IOException {
        return HttpServer.create(new InetSocketAddress(0), 0);
    }
}
