package dev.localhome.bootstrap.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.modelcontextprotocol.spec.McpSchema.Tool;
import java.util.Map;

/**
 * {@code list_services}: the daemon's {@code /api/services}, each service as the daemon reports it (name, port and
 * ports, url and links, up since, and its processes with pid, command and working directory), so fields a newer
 * daemon adds reach the client too.
 */
final class ListServicesTool implements LocalhomeTool {
    private final DaemonQuestions daemon;

    ListServicesTool(DaemonQuestions daemon) {
        this.daemon = daemon;
    }

    @Override
    public Tool definition() {
        return Tool.builder("list_services", Schemas.noArguments()).title("List running dev servers")
                .description("The dev servers localhome routes by name right now: for each, its name, port(s), "
                        + "URLs (url works with no setup), when it started, and its processes (pid, command, "
                        + "working directory). A dev server appears once it listens on a port and was started "
                        + "with NAME=<name>, e.g. NAME=app npm run dev.")
                .annotations(Schemas.READ_ONLY).build();
    }

    @Override
    public ObjectNode call(Map<String, Object> arguments) {
        JsonNode services = daemon.json("/api/services").path("services");
        ObjectNode answer = ToolJson.object().put("daemon", daemon.dashboard());
        answer.set("services", services.isArray() ? services : ToolJson.MAPPER.createArrayNode());
        if (!services.isArray() || services.isEmpty())
            answer.put("hint", "no dev servers are running: start one with NAME=<name>, e.g. NAME=app npm run dev");
        return answer;
    }
}
