package dev.localhome.archfixtures.wrong.adapters.certs;

/** The certs adapter's listed public entry point. */
public final class CertsEntry {
    private CertsEntry() {}

    public static CertsEntry create() {
        return new CertsEntry();
    }
}
