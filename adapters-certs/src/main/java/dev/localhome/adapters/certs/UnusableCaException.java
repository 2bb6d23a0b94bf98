package dev.localhome.adapters.certs;

/**
 * A CA was found but must not or cannot be used (a key other users can read, a key that does not match its
 * certificate, an expired root). The message is a sentence the user can act on; the CLI prints it as is.
 */
public final class UnusableCaException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    UnusableCaException(String message) {
        super(message);
    }

    UnusableCaException(String message, Throwable cause) {
        super(message, cause);
    }
}
