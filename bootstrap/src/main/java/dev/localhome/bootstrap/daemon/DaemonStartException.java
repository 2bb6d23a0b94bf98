package dev.localhome.bootstrap.daemon;

/** The daemon could not start accepting, e.g. its port is taken. The message is one sentence for the user. */
public final class DaemonStartException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    DaemonStartException(String message, Throwable cause) {
        super(message, cause);
    }

    /** Says what went wrong binding {@code host:port}, and how to fix it when the port is in use. */
    static DaemonStartException cannotListen(String host, int port, Throwable cause) {
        String where = "%s:%d".formatted(host.indexOf(':') >= 0 ? "[" + host + "]" : host, port);
        if (inUse(cause))
            return new DaemonStartException(("cannot listen on %s: the port is already in use (another localhome?) "
                    + "— stop what holds it, or choose another port with --port or PORT").formatted(where), cause);
        return new DaemonStartException("cannot listen on %s: %s".formatted(where, rootMessage(cause)), cause);
    }

    private static boolean inUse(Throwable cause) {
        for (Throwable t = cause; t != null; t = t.getCause()) {
            // epoll reports "bind(..) failed: Address already in use" in its own exception type, not BindException
            if (t instanceof java.net.BindException && String.valueOf(t.getMessage()).contains("in use")) return true;
            if (String.valueOf(t.getMessage()).contains("Address already in use")) return true;
        }
        return false;
    }

    private static String rootMessage(Throwable cause) {
        Throwable root = cause;
        while (root.getCause() != null) root = root.getCause();
        return root.getMessage() != null ? root.getMessage() : root.toString();
    }
}
