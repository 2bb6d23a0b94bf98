package dev.localhome.archfixtures.wrong.domain;

/** A well-behaved domain value. */
public record Value(String name) {}
