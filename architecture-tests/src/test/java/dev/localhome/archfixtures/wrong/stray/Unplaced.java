package dev.localhome.archfixtures.wrong.stray;

/** Wrong for the onion: a class in no ring at all. */
public final class Unplaced {}
