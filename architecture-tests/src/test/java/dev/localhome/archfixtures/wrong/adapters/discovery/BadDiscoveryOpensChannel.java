package dev.localhome.archfixtures.wrong.adapters.discovery;

import java.io.IOException;
import java.nio.channels.ServerSocketChannel;

/** Wrong: a JDK NIO listener. */
final class BadDiscoveryOpensChannel {
    ServerSocketChannel listen() throws IOException {
        return ServerSocketChannel.open();
    }
}
