package dev.localhome.bootstrap.cli.common;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import dev.localhome.bootstrap.config.ConfigException;
import dev.localhome.bootstrap.config.Environment;
import java.util.Locale;
import java.util.Optional;
import org.slf4j.LoggerFactory;

/**
 * The log level for a run: {@code --verbose} means DEBUG; otherwise {@code LOCALHOME_LOG_LEVEL}; otherwise INFO for
 * the daemon and WARN for one-shot commands, whose stdout is the answer and whose stderr should stay quiet.
 * Set here rather than in the logging set-up because the environment is injected (tests pass their own). A daemon
 * with {@code LOCALHOME_LOG_FILE} set logs to that file instead of stderr ({@link LogFile}).
 */
public final class LogLevels {
    public enum Mode { DAEMON, ONE_SHOT }

    static final String VARIABLE = "LOCALHOME_LOG_LEVEL";

    private LogLevels() {}

    /** Whether logging, when it starts after {@link #apply}, starts at WARN (a quiet command) rather than INFO. */
    private static volatile boolean startQuiet;
    private static volatile boolean started;

    public static void apply(Mode mode, boolean verbose, Environment environment) {
        if (mode == Mode.ONE_SHOT && !verbose && environment.variable(VARIABLE).isEmpty() && !started) {
            // A command that asks the daemon logs nothing unless something goes wrong, and setting up Logback only
            // to raise its level loaded 224 classes of such a command's ~2,300: logging that starts later starts at WARN.
            startQuiet = true;
            return;
        }
        // the installed service logs to a file; levels are set after the switch, which resets them
        if (mode == Mode.DAEMON) LogFile.configured(environment).ifPresent(LogFile::switchTo);
        Level ours = verbose ? Level.DEBUG
                : fromEnvironment(environment).orElse(mode == Mode.DAEMON ? Level.INFO : Level.WARN);
        // libraries (Netty, Guice) stay at INFO even when ours go to DEBUG: their DEBUG is noise to a user
        set(org.slf4j.Logger.ROOT_LOGGER_NAME, mode == Mode.ONE_SHOT && !verbose ? Level.WARN : Level.INFO);
        set("dev.localhome", ours);
    }

    /** The root level for {@link ConsoleLogConfigurator}, which calls this as logging starts. */
    static Level startLevel() {
        started = true;
        return startQuiet ? Level.WARN : Level.INFO;
    }

    /**
     * Whether logging has started in this process. When it has not, no logger is at DEBUG, so a caller with only
     * DEBUG to say can stay silent without starting it.
     */
    public static boolean started() {
        return started;
    }

    private static Optional<Level> fromEnvironment(Environment environment) {
        return environment.variable(VARIABLE).map(value -> {
            Level level = Level.toLevel(value.toUpperCase(Locale.ROOT), null);
            if (level == null)
                throw new ConfigException(("environment variable %s: expected one of TRACE, DEBUG, INFO, WARN, ERROR, "
                        + "got \"%s\"").formatted(VARIABLE, value));
            return level;
        });
    }

    private static void set(String loggerName, Level level) {
        // another SLF4J binding on the class path (a plugin's) is left as it is configured
        if (LoggerFactory.getLogger(loggerName) instanceof Logger logger) logger.setLevel(level);
    }
}
