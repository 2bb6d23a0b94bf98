package dev.localhome.bootstrap.cli.common;

/** Nothing accepts connections on the daemon's port: exit code 3, so scripts can tell "not running" from a failure. */
public final class DaemonNotRunningException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public DaemonNotRunningException(int port) {
        super("localhome is not running on port %d (start it with ./localhome or localhome install)".formatted(port));
    }
}
