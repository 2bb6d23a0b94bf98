package dev.localhome.archfixtures.wrong.adapters.certs;

import com.google.inject.Injector;

/** Wrong: pulls its collaborators from an injector. */
final class BadCertsUsesGuice {
    Object ca(Injector injector) {
        return injector.getInstance(CertsEntry.class);
    }
}
