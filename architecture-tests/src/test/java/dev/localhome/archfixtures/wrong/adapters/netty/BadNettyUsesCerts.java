package dev.localhome.archfixtures.wrong.adapters.netty;

import dev.localhome.archfixtures.wrong.adapters.certs.CertsEntry;

/** Wrong: one adapter calling another directly. */
final class BadNettyUsesCerts {
    Object ca() {
        return CertsEntry.create();
    }
}
