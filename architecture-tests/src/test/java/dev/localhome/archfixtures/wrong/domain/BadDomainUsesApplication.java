package dev.localhome.archfixtures.wrong.domain;

import dev.localhome.archfixtures.wrong.application.UseCase;

/** Wrong: the domain reaches out to the application ring (and closes a domain - application cycle). */
public final class BadDomainUsesApplication {
    Value run(UseCase useCase) {
        return useCase.find("app");
    }
}
