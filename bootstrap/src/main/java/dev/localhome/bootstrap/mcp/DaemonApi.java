package dev.localhome.bootstrap.mcp;

/**
 * The running daemon's own HTTP API, as the MCP tools ask it (outbound: the tools call it). One GET per question; the
 * answer says whether the daemon answered at all, so every tool can tell "not running" from "answered 404".
 */
public interface DaemonApi {
    /** {@code path} with its query, e.g. {@code /api/requests?service=app&n=20}. Never throws for a daemon's absence. */
    Answer get(String path);

    /** Where the daemon is expected, e.g. {@code 127.0.0.1:9090}: named in every answer, so a wrong port is visible. */
    String address();

    sealed interface Answer {
        /** The daemon answered with this status and body. */
        record Answered(int status, String body) implements Answer {}

        /** Nothing accepts connections at {@link #address()}. */
        record NotRunning() implements Answer {}

        /** Something is there but the question failed (a timeout, a broken connection): {@code reason} says which. */
        record Failed(String reason) implements Answer {}
    }
}
