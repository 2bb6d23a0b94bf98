package dev.localhome.bootstrap.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.localhome.bootstrap.mcp.DaemonApi.Answer;
import io.modelcontextprotocol.spec.McpSchema.Tool;
import java.util.Map;

/**
 * {@code daemon_status}: whether the daemon runs, its version, address and port, and its CA (where it is, its
 * SHA-256 fingerprint, whether HTTPS interception is on), from {@code /api/status}. Services are named only:
 * {@code list_services} has the rest.
 */
final class DaemonStatusTool implements LocalhomeTool {
    private final DaemonQuestions daemon;

    DaemonStatusTool(DaemonQuestions daemon) {
        this.daemon = daemon;
    }

    @Override
    public Tool definition() {
        return Tool.builder("daemon_status", Schemas.noArguments()).title("localhome daemon status")
                .description("Whether the localhome daemon is running, and if so its version, uptime, address and "
                        + "port, dashboard URL, transport, plugins, the names of the running services, and its CA: "
                        + "whether https://<name>/ is intercepted, the CA's path and SHA-256 fingerprint.")
                .annotations(Schemas.READ_ONLY).build();
    }

    @Override
    public ObjectNode call(Map<String, Object> arguments) {
        Answer.Answered answered = daemon.ask("/api/status");
        ObjectNode answer = ToolJson.object().put("running", true).put("daemon", daemon.dashboard());
        if (answered.status() == 404) {
            // a daemon from before /api/status still lists its services
            answer.put("note", "this daemon is older than /api/status: version and CA are not known");
            answer.set("services", names(daemon.json("/api/services").path("services")));
            return answer;
        }
        JsonNode status = daemon.json("/api/status", answered);
        status.properties().forEach(field -> {
            if (!field.getKey().equals("services")) answer.set(field.getKey(), field.getValue());
        });
        answer.set("services", names(status.path("services")));
        if (!status.path("ca").path("interception").asBoolean(false))
            answer.put("caHint", "no CA: https://<name>/ is not intercepted (http:// works); `localhome ca` "
                    + "says how to set one up");
        return answer;
    }

    private static ArrayNode names(JsonNode services) {
        ArrayNode names = ToolJson.MAPPER.createArrayNode();
        services.forEach(service -> names.add(service.path("name").asText()));
        return names;
    }
}
