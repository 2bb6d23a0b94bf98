package dev.localhome.archfixtures.wrong.application.port;

/** A well-behaved application port: what an adapter may hold. */
public interface Listing {
    String names();
}
