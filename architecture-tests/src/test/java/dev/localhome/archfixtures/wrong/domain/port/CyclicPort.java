package dev.localhome.archfixtures.wrong.domain.port;

import dev.localhome.archfixtures.wrong.domain.routing.CyclicRule;

/** Half of a package cycle inside the domain: port -> routing. */
public interface CyclicPort {
    CyclicRule rule();
}
