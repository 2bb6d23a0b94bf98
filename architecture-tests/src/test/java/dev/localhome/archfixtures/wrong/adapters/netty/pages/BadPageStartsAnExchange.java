package dev.localhome.archfixtures.wrong.adapters.netty.pages;

import dev.localhome.archfixtures.wrong.adapters.netty.forward.Exchange;

/** Wrong: a page that reaches into forwarding. */
final class BadPageStartsAnExchange {
    void serve() {
        Exchange.start();
    }
}
