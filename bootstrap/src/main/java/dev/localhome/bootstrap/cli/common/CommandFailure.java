package dev.localhome.bootstrap.cli.common;

/** A command could not do its job; the message is a sentence the user acts on. Exit code 1, no stack trace. */
public final class CommandFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public CommandFailure(String message) {
        super(message);
    }

    public CommandFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
