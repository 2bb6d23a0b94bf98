package dev.localhome.bootstrap.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.localhome.bootstrap.mcp.DaemonApi.Answer;
import dev.localhome.domain.ServiceName;
import io.modelcontextprotocol.spec.McpSchema.Tool;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code recent_requests}: the last requests the daemon's request inspector recorded ({@code /api/requests}, oldest
 * first, each with method, target, status and timings). A daemon from before the inspector answers 404 there: the
 * tool says so rather than pretending there was no traffic.
 */
final class RecentRequestsTool implements LocalhomeTool {
    static final int DEFAULT_COUNT = 20;
    static final int MAX_COUNT = 1000;

    private final DaemonQuestions daemon;

    RecentRequestsTool(DaemonQuestions daemon) {
        this.daemon = daemon;
    }

    @Override
    public Tool definition() {
        Map<String, Object> schema = Schemas.object(Map.of(
                "service", Schemas.string("The service's name, e.g. app; leave out for all services"),
                "n", Schemas.integer("How many of the latest requests", 1, MAX_COUNT, DEFAULT_COUNT)), List.of());
        return Tool.builder("recent_requests", schema).title("Recent requests to a dev server")
                .description("The last requests that went through localhome to a dev server, oldest first: method, "
                        + "target, status, protocol, how it arrived, timings and body sizes. Only requests through "
                        + "localhome (http://<name>.localhost:<port>/, the PAC file) are recorded, not requests "
                        + "straight to the dev server's own port. Without service, every service's, merged.")
                .annotations(Schemas.READ_ONLY).build();
    }

    @Override
    public ObjectNode call(Map<String, Object> arguments) {
        Arguments given = new Arguments(arguments);
        Optional<ServiceName> service = given.name("service");
        int count = given.count("n", DEFAULT_COUNT, 1, MAX_COUNT);
        String path = "/api/requests?" + service.map(name -> "service=" + URLEncoder.encode(name.value(),
                StandardCharsets.UTF_8) + "&").orElse("") + "n=" + count;
        Answer.Answered answered = daemon.ask(path);
        if (answered.status() == 404)
            throw new NoAnswer(daemon.refusal("the request inspector is not available in this daemon: it has no "
                    + "/api/requests", "a newer localhome records requests; update it and restart the daemon. "
                    + "list_services and service_url work without it"));
        JsonNode requests = daemon.json(path, answered);
        ObjectNode answer = ToolJson.object();
        if (service.isPresent()) answer.put("service", service.get().value());
        else answer.putNull("service");
        answer.put("count", requests.size());
        answer.set("requests", requests);
        if (requests.isEmpty())
            answer.put("hint", ("no requests recorded yet%s: only requests through localhome are recorded, e.g. %s "
                    + "(and none while the config file says \"inspector\": false)")
                    .formatted(service.map(name -> " for '" + name + "'").orElse(""),
                            service.map(name -> "http://" + name + ".localhost:" + port() + "/")
                                    .orElse("http://<name>.localhost:" + port() + "/")));
        return answer;
    }

    private String port() {
        String address = daemon.address();
        return address.substring(address.lastIndexOf(':') + 1);
    }
}
