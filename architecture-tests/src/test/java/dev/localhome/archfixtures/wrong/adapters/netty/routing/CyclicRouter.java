package dev.localhome.archfixtures.wrong.adapters.netty.routing;

import dev.localhome.archfixtures.wrong.adapters.netty.tunnel.CyclicTunnel;

/** Wrong, with {@link CyclicTunnel}: routing and tunnel depend on each other. */
public final class CyclicRouter {
    public static void route() {
        CyclicTunnel.open();
    }
}
