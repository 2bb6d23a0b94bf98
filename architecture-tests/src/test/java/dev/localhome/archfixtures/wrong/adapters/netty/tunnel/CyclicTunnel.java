package dev.localhome.archfixtures.wrong.adapters.netty.tunnel;

import dev.localhome.archfixtures.wrong.adapters.netty.routing.CyclicRouter;

/** Wrong, with {@link CyclicRouter}: a tunnel that calls the router back directly. */
public final class CyclicTunnel {
    public static void open() {}

    static void routeInside() {
        CyclicRouter.route();
    }
}
