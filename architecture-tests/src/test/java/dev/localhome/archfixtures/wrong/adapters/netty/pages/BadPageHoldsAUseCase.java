package dev.localhome.archfixtures.wrong.adapters.netty.pages;

import dev.localhome.archfixtures.wrong.application.UseCase;

/** Wrong: an adapter holding a concrete use case instead of its port. */
final class BadPageHoldsAUseCase {
    private final UseCase useCase = new UseCase();

    String body() {
        return useCase.find("app").toString();
    }
}
