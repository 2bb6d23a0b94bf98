package dev.localhome.archfixtures.wrong.adapters.certs;

import dev.localhome.archfixtures.wrong.bootstrap.Main;

/** Wrong: an adapter reaching back into the composition root. */
final class BadCertsUsesBootstrap {
    void restart() {
        Main.main(new String[0]);
    }
}
