package dev.localhome.archfixtures.wrong.application;

import dev.localhome.archfixtures.wrong.domain.Value;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A well-behaved use case: domain, java and the logging API. */
public final class UseCase {
    private static final Logger log = LoggerFactory.getLogger(UseCase.class);

    public Value find(String name) {
        log.debug("find {}", name);
        return new Value(name);
    }
}
