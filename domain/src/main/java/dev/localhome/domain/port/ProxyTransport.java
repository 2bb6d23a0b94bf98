package dev.localhome.domain.port;

import java.time.Duration;

/** Inbound: the server that accepts connections and moves their bytes. Swappable; Netty's is the default. */
public interface ProxyTransport {
    /** Binds and starts accepting; returns the port bound, which differs from the one asked for when that was 0. */
    int start(String bindHost, int port) throws InterruptedException;

    /** Stops accepting, lets requests in flight finish for up to {@code grace}, then closes everything. */
    void stop(Duration grace);
}
