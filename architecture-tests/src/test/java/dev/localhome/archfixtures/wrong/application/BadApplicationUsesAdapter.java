package dev.localhome.archfixtures.wrong.application;

import dev.localhome.archfixtures.wrong.adapters.certs.CertsEntry;

/** Wrong: a use case that knows a concrete adapter instead of a port. */
public final class BadApplicationUsesAdapter {
    Object ca() {
        return CertsEntry.create();
    }
}
