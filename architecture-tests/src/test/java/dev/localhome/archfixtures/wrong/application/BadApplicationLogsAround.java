package dev.localhome.archfixtures.wrong.application;

/** Logs beside slf4j: through java.util.logging and the JDK's System.Logger. */
final class BadApplicationLogsAround {
    void julLogger() {
        java.util.logging.Logger.getLogger("x").info("routed");
    }

    void systemLogger() {
        System.getLogger("x").log(System.Logger.Level.INFO, "routed");
    }
}
