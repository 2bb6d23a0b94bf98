package dev.localhome.archfixtures.wrong.domain.routing;

import dev.localhome.archfixtures.wrong.domain.port.CyclicPort;

/** The other half of a package cycle inside the domain: routing -> port. */
public record CyclicRule(CyclicPort port) {}
