package dev.localhome.archfixtures.wrong.adapters.certs;

import jakarta.inject.Inject;

/** Wrong: an injection annotation outside bootstrap (a dependency through an annotation only). */
final class BadCertsUsesJakartaInject {
    @Inject
    BadCertsUsesJakartaInject() {}
}
