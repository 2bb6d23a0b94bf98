package dev.localhome.domain.port;

import dev.localhome.domain.ServiceName;
import java.time.Duration;

/** Inbound: the server that accepts connections and moves their bytes. Swappable; Netty's is the default. */
public interface ProxyTransport {
    /** Binds and starts accepting; returns the port bound, which differs from the one asked for when that was 0. */
    int start(String bindHost, int port) throws InterruptedException;

    /**
     * A service named {@code name} is running: do now, in the background, what would otherwise slow its first
     * request (the Netty transport mints its certificate). Never blocks; a transport with nothing to prepare ignores it.
     */
    default void prepareFor(ServiceName name) {}

    /** Stops accepting, lets requests in flight finish for up to {@code grace}, then closes everything. */
    void stop(Duration grace);
}
