package dev.localhome.archfixtures.wrong.adapters.discovery;

/** Throws the three generic types a caller cannot tell apart, and one specific type that is fine. */
final class BadDiscoveryThrowsGenericExceptions {
    void runtime() {
        throw new RuntimeException("scan failed");
    }

    void checked() throws Exception {
        throw new Exception("scan failed");
    }

    void throwable() throws Throwable {
        throw new Throwable("scan failed");
    }

    void specific() {
        throw new IllegalStateException("scan failed");
    }
}
