package dev.localhome.bootstrap.config;

/**
 * The configuration is wrong. The message is a sentence for the user that names where the bad value came from (file
 * and key, environment variable, or flag); the CLI prints it without a stack trace and exits with 2.
 */
public final class ConfigException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ConfigException(String message) {
        super(message);
    }

    public ConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
