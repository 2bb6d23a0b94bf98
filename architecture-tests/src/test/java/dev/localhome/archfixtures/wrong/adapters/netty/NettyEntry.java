package dev.localhome.archfixtures.wrong.adapters.netty;

/** The netty adapter's listed public entry point. */
public final class NettyEntry {
    private NettyEntry() {}
}
