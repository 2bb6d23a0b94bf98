package dev.localhome.adapters.discovery.container;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Reads the Engine API's JSON (Docker's, which Podman's compatible API serves too) with Jackson: the container list,
 * one container's inspection, an event, the version. Anything missing or of another type reads as absent: an engine
 * of another version must not break discovery, only leave a field out.
 */
final class EngineJson {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String TCP = "/tcp";

    private EngineJson() {}

    /** The ids in {@code GET /containers/json} (running containers only, by the engine's default). */
    static List<String> containerIds(byte[] json) throws IOException {
        List<String> ids = new ArrayList<>();
        for (JsonNode container : MAPPER.readTree(json)) {
            String id = container.path("Id").asText("");
            if (!id.isEmpty()) ids.add(id);
        }
        return ids;
    }

    /** An event of {@code GET /events}: what happened to which container; empty for anything else. */
    static Optional<Event> event(byte[] json) throws IOException {
        JsonNode event = MAPPER.readTree(json);
        String type = event.path("Type").asText("");
        String action = event.path("Action").asText(event.path("status").asText(""));
        String id = event.path("Actor").path("ID").asText(event.path("id").asText(""));
        if (!"container".equals(type) || action.isEmpty() || id.isEmpty()) return Optional.empty();
        return Optional.of(new Event(action, id));
    }

    /** A container event: {@code start}, {@code die}, {@code stop}, {@code destroy}. */
    record Event(String action, String containerId) {
        boolean isStart() {
            return "start".equals(action);
        }
    }

    /** {@code GET /version}: the engine's name and version, for {@code localhome status}. */
    static String engine(byte[] json) throws IOException {
        JsonNode version = MAPPER.readTree(json);
        String name = "Docker Engine";
        for (JsonNode component : version.path("Components")) {
            String componentName = component.path("Name").asText("");
            if (componentName.toLowerCase(java.util.Locale.ROOT).contains("podman")) name = "Podman Engine";
        }
        return name + " " + version.path("Version").asText("?") + " (API " + version.path("ApiVersion").asText("?") + ")";
    }

    /** {@code GET /containers/{id}/json}, of which only what naming and routing need. */
    static InspectedContainer container(byte[] json) throws IOException {
        JsonNode root = MAPPER.readTree(json);
        JsonNode state = root.path("State");
        JsonNode config = root.path("Config");
        JsonNode labels = config.path("Labels");
        JsonNode settings = root.path("NetworkSettings");
        return new InspectedContainer(
                root.path("Id").asText(""),
                root.path("Name").asText("").replaceFirst("^/", ""),
                config.path("Image").asText(""),
                state.path("Running").asBoolean(false),
                state.path("Pid").asLong(0),
                command(root),
                config.path("WorkingDir").asText(""),
                instant(state.path("StartedAt").asText("")),
                nameVariable(config.path("Env")),
                text(labels, "com.docker.compose.service"),
                text(labels, "com.docker.compose.project"),
                "host".equals(root.path("HostConfig").path("NetworkMode").asText("")),
                published(settings.path("Ports")),
                exposed(settings.path("Ports"), config.path("ExposedPorts")),
                attachments(settings.path("Networks")));
    }

    /** {@code Path} and {@code Args}, as {@code docker ps --no-trunc} shows the command. */
    private static String command(JsonNode root) {
        StringBuilder command = new StringBuilder(root.path("Path").asText(""));
        for (JsonNode argument : root.path("Args")) command.append(' ').append(argument.asText(""));
        return command.toString().trim();
    }

    /** The value of {@code NAME=} among the variables; every other variable is skipped unread. */
    private static Optional<String> nameVariable(JsonNode environment) {
        Optional<String> name = Optional.empty();
        for (JsonNode variable : environment) {
            String text = variable.asText("");
            if (text.startsWith("NAME=")) name = Optional.of(text.substring("NAME=".length())); // the last one wins, as in a shell
        }
        return name;
    }

    private static Optional<String> text(JsonNode object, String field) {
        String value = object.path(field).asText("");
        return value.isEmpty() ? Optional.empty() : Optional.of(value);
    }

    private static Optional<Instant> instant(String text) {
        try {
            Instant instant = Instant.parse(text);
            return instant.getEpochSecond() > 0 ? Optional.of(instant) : Optional.empty(); // the zero time: never started
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /** {@code "8080/tcp": [{"HostIp": "127.0.0.1", "HostPort": "32768"}]}; UDP and unpublished ports are skipped. */
    private static List<InspectedContainer.Published> published(JsonNode ports) {
        List<InspectedContainer.Published> published = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = ports.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            int containerPort = tcpPort(entry.getKey());
            if (containerPort < 0) continue;
            for (JsonNode binding : entry.getValue()) {
                int hostPort = port(binding.path("HostPort").asText(""));
                if (hostPort > 0)
                    published.add(new InspectedContainer.Published(containerPort, binding.path("HostIp").asText(""), hostPort));
            }
        }
        return published;
    }

    private static List<Integer> exposed(JsonNode ports, JsonNode exposedPorts) {
        TreeSet<Integer> exposed = new TreeSet<>();
        for (JsonNode object : List.of(ports, exposedPorts)) {
            for (Iterator<String> names = object.fieldNames(); names.hasNext(); ) {
                int port = tcpPort(names.next());
                if (port > 0) exposed.add(port);
            }
        }
        return new ArrayList<>(exposed);
    }

    private static List<InspectedContainer.Attachment> attachments(JsonNode networks) {
        List<InspectedContainer.Attachment> attachments = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = networks.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> network = it.next();
            JsonNode settings = network.getValue();
            String address = settings.path("IPAddress").asText("");
            String gateway = settings.path("Gateway").asText("");
            int prefix = settings.path("IPPrefixLen").asInt(0);
            if (!address.isEmpty() && !gateway.isEmpty() && prefix > 0)
                attachments.add(new InspectedContainer.Attachment(network.getKey(), address, gateway, prefix));
        }
        return attachments;
    }

    /** {@code 8080/tcp} → 8080; any other protocol or shape → -1. */
    private static int tcpPort(String key) {
        return key.endsWith(TCP) ? port(key.substring(0, key.length() - TCP.length())) : -1;
    }

    private static int port(String text) {
        try {
            int port = Integer.parseInt(text);
            return port >= 1 && port <= 65_535 ? port : -1;
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
