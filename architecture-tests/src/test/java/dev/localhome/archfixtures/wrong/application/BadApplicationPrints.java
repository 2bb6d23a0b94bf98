package dev.localhome.archfixtures.wrong.application;

/** Writes to the process's standard streams, which belong to the console. */
final class BadApplicationPrints {
    void out() {
        System.out.println("routed");
    }

    void err() {
        System.err.println("failed");
    }
}
