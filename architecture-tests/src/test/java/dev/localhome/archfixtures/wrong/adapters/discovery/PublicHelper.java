package dev.localhome.archfixtures.wrong.adapters.discovery;

/** Wrong (soft rule): a public adapter type that is not a listed entry point. */
public final class PublicHelper {}
