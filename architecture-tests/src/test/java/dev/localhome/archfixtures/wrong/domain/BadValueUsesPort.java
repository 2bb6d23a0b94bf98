package dev.localhome.archfixtures.wrong.domain;

import dev.localhome.archfixtures.wrong.domain.port.GoodPort;

/** Wrong for the onion: a domain value depends on a domain service (a port). */
public record BadValueUsesPort(GoodPort port) {}
