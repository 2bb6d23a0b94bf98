package dev.localhome.bootstrap.cli.common;

import dev.localhome.adapters.certs.UnusableCaException;
import dev.localhome.bootstrap.daemon.DaemonStartException;
import dev.localhome.bootstrap.config.ConfigException;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns a failure into one line on stderr and an exit code: 2 when the user's setup is wrong (config, CA), 3 when a
 * command that asks the daemon finds none running, 1 when anything else failed. No stack trace unless {@code --verbose}: the sentence is what the user acts on.
 */
public final class Failures implements IExecutionExceptionHandler {
    public static final int RUNTIME_FAILURE = 1;
    public static final int CONFIG_ERROR = 2;
    public static final int NOT_RUNNING = 3;

    /** Apart from the class, so that loading it does not start logging: most failures are reported without it. */
    private static final class Details {
        private static final Logger log = LoggerFactory.getLogger(Failures.class);
    }

    @Override
    public int handleExecutionException(Exception failure, CommandLine command, ParseResult parseResult) {
        // Guice wraps what a provider throws (ProvisionException): the cause chain holds the real story
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof ConfigException || cause instanceof UnusableCaException)
                return report(command, cause.getMessage(), CONFIG_ERROR, failure);
            if (cause instanceof DaemonNotRunningException)
                return report(command, cause.getMessage(), NOT_RUNNING, failure);
            if (cause instanceof DaemonStartException || cause instanceof CommandFailure)
                return report(command, cause.getMessage(), RUNTIME_FAILURE, failure);
        }
        return report(command, failure + " (run with --verbose for details)", RUNTIME_FAILURE, failure);
    }

    private static int report(CommandLine command, String message, int exitCode, Exception failure) {
        // only --verbose (or LOCALHOME_LOG_LEVEL) shows it, and either starts logging: none started, none to show
        if (LogLevels.started()) Details.log.debug("failure details", failure);
        command.getErr().println("localhome: " + message);
        command.getErr().flush();
        return exitCode;
    }
}
