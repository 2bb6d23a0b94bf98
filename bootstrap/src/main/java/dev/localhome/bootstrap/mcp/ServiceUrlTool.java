package dev.localhome.bootstrap.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.localhome.domain.ServiceName;
import io.modelcontextprotocol.spec.McpSchema.Tool;
import java.util.List;
import java.util.Map;

/**
 * {@code service_url}: the URL to open for a name, and whether it is up.
 *
 * <p>The best URL is {@code http://<name>.localhost:<port>/}: it is the one that works from wherever the agent
 * stands, with no setup, since browsers, curl and most HTTP clients resolve {@code *.localhost} to this machine.
 * {@code https://<name>/} is nicer in a browser but works only for a client that uses localhome's PAC file (or
 * {@code HTTPS_PROXY}) and trusts its CA, which this server cannot see from here; it is given as {@code https}, with
 * what it needs. A name that is not running is an answer ({@code running: false}), not an error: an agent that just
 * started the server may ask again.
 */
final class ServiceUrlTool implements LocalhomeTool {
    private final DaemonQuestions daemon;

    ServiceUrlTool(DaemonQuestions daemon) {
        this.daemon = daemon;
    }

    @Override
    public Tool definition() {
        Map<String, Object> schema = Schemas.object(Map.of("name", Schemas.string(
                "The service's name: the NAME its process was started with, e.g. app")), List.of("name"));
        return Tool.builder("service_url", schema).title("URL of a dev server by name")
                .description("The URL to open for a dev server started with NAME=<name>, and whether it is "
                        + "running. url (http://<name>.localhost:<port>/) works with no setup in browsers, curl and "
                        + "fetch; https (https://<name>/) needs localhome's PAC file or HTTPS_PROXY and its CA "
                        + "trusted; direct is the dev server's own port, bypassing localhome. running is false, "
                        + "with the names that are running, when no server has that name.")
                .annotations(Schemas.READ_ONLY).build();
    }

    @Override
    public ObjectNode call(Map<String, Object> arguments) {
        ServiceName name = new Arguments(arguments).requiredName("name");
        JsonNode services = daemon.json("/api/services").path("services");
        for (JsonNode service : services)
            if (name.value().equals(service.path("name").asText())) return running(name, service);
        ArrayNode running = ToolJson.MAPPER.createArrayNode();
        services.forEach(service -> running.add(service.path("name").asText()));
        ObjectNode answer = ToolJson.object().put("name", name.value()).put("running", false)
                .put("message", "no service named '%s' is running: start it with NAME=%s (e.g. NAME=%s npm run dev); "
                        .formatted(name, name, name) + "localhome finds it as soon as it listens on a port");
        answer.set("services", running);
        return answer;
    }

    private ObjectNode running(ServiceName name, JsonNode service) {
        ObjectNode answer = ToolJson.object().put("name", name.value()).put("running", true)
                .put("url", service.path("url").asText())
                .put("why", "works with no setup: browsers, curl and fetch resolve *.localhost to this machine");
        // the daemon lists https://<name>/ only when it intercepts HTTPS and the name is one label
        String https = "https://" + name.value() + "/";
        for (JsonNode link : service.path("links")) {
            if (!link.asText().equals(https)) continue;
            String proxy = "http://" + daemon.address();
            answer.put("https", https).put("httpsNeeds", ("a client that uses localhome's PAC file (%s/proxy.pac) or "
                    + "HTTPS_PROXY=%s, and trusts localhome's CA (see `localhome ca`)").formatted(proxy, proxy));
        }
        copy(service, "links", answer);
        if (service.path("port").canConvertToInt())
            answer.put("port", service.path("port").asInt())
                    .put("direct", "http://localhost:%d/".formatted(service.path("port").asInt()));
        copy(service, "startedAt", answer);
        return answer;
    }

    private static void copy(JsonNode from, String field, ObjectNode to) {
        if (from.has(field)) to.set(field, from.get(field));
    }
}
