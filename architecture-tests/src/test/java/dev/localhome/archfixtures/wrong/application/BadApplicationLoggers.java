package dev.localhome.archfixtures.wrong.application;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A logger other classes can reach, one per instance, and the one right way beside them. */
final class BadApplicationLoggers {
    public static final Logger shared = LoggerFactory.getLogger(BadApplicationLoggers.class);
    private static final Logger log = LoggerFactory.getLogger(BadApplicationLoggers.class);
    private final Logger perInstance = LoggerFactory.getLogger(BadApplicationLoggers.class);

    void work() {
        log.info("{}", perInstance);
    }
}
