package dev.localhome.archfixtures.wrong.adapters.netty.pages;

import dev.localhome.archfixtures.wrong.application.port.Listing;

/** A page that writes its own answer, from a use case it reaches through its port. */
final class GoodPage {
    private final Listing listing;

    GoodPage(Listing listing) {
        this.listing = listing;
    }

    String body() {
        return "ok " + listing.names();
    }
}
