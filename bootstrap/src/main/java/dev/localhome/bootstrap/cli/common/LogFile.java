package dev.localhome.bootstrap.cli.common;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.util.ContextInitializer;
import ch.qos.logback.core.joran.spi.JoranException;
import ch.qos.logback.core.status.Status;
import ch.qos.logback.core.util.StatusPrinter2;
import dev.localhome.bootstrap.config.Environment;
import java.net.URL;
import java.nio.file.Path;
import java.util.Optional;
import org.slf4j.LoggerFactory;

/**
 * Where the installed service logs. A daemon started with {@code LOCALHOME_LOG_FILE} (the systemd unit and the launchd
 * agent set it) logs to that file through {@code logback-file.xml}, rolling at 5 MB and daily; anything else logs to
 * the console (stderr, {@link ConsoleLogConfigurator}).
 */
public final class LogFile {
    public static final String VARIABLE = "LOCALHOME_LOG_FILE";
    static final String FILE_CONFIG = "/logback-file.xml";

    private LogFile() {}

    /** The file named by {@code LOCALHOME_LOG_FILE}, when set: the daemon then logs there instead of to stderr. */
    static Optional<Path> configured(Environment environment) {
        return environment.variable(VARIABLE).map(value -> environment.workingDirectory().resolve(value));
    }

    /**
     * Where the installed service logs: {@code $LOCALHOME_LOG_FILE}, else
     * {@code $XDG_STATE_HOME/localhome/localhome.log}, else {@code ~/.local/state/localhome/localhome.log}. The
     * installer writes this path into the unit, so {@code localhome logs} and the service agree.
     */
    public static Path location(Environment environment) {
        return configured(environment).orElseGet(() -> stateDirectory(environment).resolve("localhome.log"));
    }

    /** {@code $XDG_STATE_HOME/localhome}; a relative XDG path is ignored, as the XDG spec says. */
    static Path stateDirectory(Environment environment) {
        return environment.variable("XDG_STATE_HOME").map(Path::of).filter(Path::isAbsolute)
                .orElseGet(() -> environment.home().resolve(".local").resolve("state"))
                .resolve("localhome");
    }

    /**
     * Sends every log line to {@code file} from now on. When the file cannot be opened (a directory that cannot be
     * created, say), logging stays on stderr with a warning: a service that cannot log must still serve.
     */
    static void switchTo(Path file) {
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) return;
        URL config = LogFile.class.getResource(FILE_CONFIG);
        long since = System.currentTimeMillis();
        context.reset();
        context.putProperty(VARIABLE, file.toString());
        JoranConfigurator configurator = new JoranConfigurator();
        configurator.setContext(context);
        try {
            configurator.doConfigure(config);
        } catch (JoranException e) {
            // reported below through the status manager, like any other appender error
        }
        boolean failed = context.getStatusManager().getCopyOfStatusList().stream()
                .anyMatch(status -> status.getLevel() == Status.ERROR && status.getTimestamp() >= since);
        if (failed) {
            new StatusPrinter2().printInCaseOfErrorsOrWarnings(context, since);
            restoreConsole();
            LoggerFactory.getLogger(LogFile.class).warn("cannot log to {} ({}); logging to stderr instead", file, VARIABLE);
        }
    }

    /** Back to the console: stderr ({@link ConsoleLogConfigurator}). */
    static void restoreConsole() {
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) return;
        context.reset();
        try {
            new ContextInitializer(context).autoConfig();
        } catch (JoranException e) {
            throw new IllegalStateException("cannot restore logging to stderr", e);
        }
    }
}
