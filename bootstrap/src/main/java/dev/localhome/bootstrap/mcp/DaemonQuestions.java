package dev.localhome.bootstrap.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.localhome.bootstrap.mcp.DaemonApi.Answer;

/**
 * The tools' one way to ask the daemon: an answer comes back, or a {@link NoAnswer} says plainly why not. "Not
 * running" is the same sentence and hint for every tool: the MCP server itself keeps running and asks again on the
 * next call, so a daemon started later is found without restarting the client.
 */
final class DaemonQuestions {
    static final String START_HINT = "start it with `localhome` (installed) or `./localhome` (in a checkout of "
            + "localhome), or `localhome install` to have it start at login; if it runs on another port, register "
            + "this server as `localhome mcp --port <port>`";

    private final DaemonApi daemon;

    DaemonQuestions(DaemonApi daemon) {
        this.daemon = daemon;
    }

    String address() {
        return daemon.address();
    }

    /** The daemon's answer, whatever its status. */
    Answer.Answered ask(String path) {
        Answer answer = daemon.get(path);
        if (answer instanceof Answer.Answered answered) return answered;
        if (answer instanceof Answer.Failed failed)
            throw new NoAnswer(refusal("asking the localhome daemon on %s for %s failed: %s"
                    .formatted(daemon.address(), path, failed.reason()), "is it localhome on that port? "
                    + "`localhome status` says what runs there"));
        throw new NoAnswer(refusal("no localhome daemon is running on " + daemon.address(), START_HINT)
                .put("running", false));
    }

    /** The daemon's JSON for {@code path}, which it must answer with 200. */
    JsonNode json(String path) {
        return json(path, ask(path));
    }

    JsonNode json(String path, Answer.Answered answered) {
        if (answered.status() != 200)
            throw new NoAnswer(refusal("the daemon on %s answered HTTP %d for %s".formatted(daemon.address(),
                    answered.status(), path), "is it localhome on that port? `localhome status` says what runs there"));
        return ToolJson.parse(answered.body(), "the daemon's answer to " + path);
    }

    /** An {@code isError} body: what went wrong, what to do, and which daemon was asked. */
    ObjectNode refusal(String error, String hint) {
        return ToolJson.object().put("error", error).put("hint", hint).put("daemon", daemon.address());
    }

    /** {@code http://127.0.0.1:9090/}: the daemon's dashboard, and the base its API paths hang from. */
    String dashboard() {
        return "http://" + daemon.address() + "/";
    }
}
