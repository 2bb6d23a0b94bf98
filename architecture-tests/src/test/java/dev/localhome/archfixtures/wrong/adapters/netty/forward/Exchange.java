package dev.localhome.archfixtures.wrong.adapters.netty.forward;

/** A forwarding class, public for its neighbour packages. */
public final class Exchange {
    public static void start() {}
}
