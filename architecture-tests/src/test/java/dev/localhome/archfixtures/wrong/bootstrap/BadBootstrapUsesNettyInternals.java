package dev.localhome.archfixtures.wrong.bootstrap;

import dev.localhome.archfixtures.wrong.adapters.netty.NettyEntry;
import dev.localhome.archfixtures.wrong.adapters.netty.forward.Exchange;

/** Wrong: the composition root reaching past the netty adapter's entry point into its packages. */
final class BadBootstrapUsesNettyInternals {
    void wire() {
        Exchange.start();
    }

    Class<?> entry() {
        return NettyEntry.class;
    }
}
