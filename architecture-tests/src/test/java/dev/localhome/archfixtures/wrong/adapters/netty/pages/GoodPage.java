package dev.localhome.archfixtures.wrong.adapters.netty.pages;

/** A page that writes its own answer. */
final class GoodPage {
    String body() {
        return "ok";
    }
}
