package dev.localhome.archfixtures.wrong.adapters.discovery;

import java.io.IOException;
import java.net.ServerSocket;

/** Wrong: discovery opening a listening socket of its own. */
final class BadDiscoveryListens {
    ServerSocket listen() throws IOException {
        return new ServerSocket(0);
    }
}
