package dev.localhome.bootstrap.cli.client;

import com.fasterxml.jackson.databind.JsonNode;
import dev.localhome.bootstrap.cli.format.ServiceTable;
import dev.localhome.bootstrap.cli.format.Table;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code localhome status} for people: the daemon's facts as aligned {@code key  value} lines, then its services as
 * a table. Reads the {@code /api/status} JSON loosely: a field the daemon does not send is shown as {@code -}.
 */
final class StatusReport {
    private StatusReport() {}

    static String render(JsonNode status) {
        StringBuilder text = new StringBuilder();
        text.append("localhome %s is running, up %s (since %s)%n".formatted(field(status, "version"),
                uptime(status.path("uptimeSeconds")), field(status, "startedAt")));
        JsonNode ca = status.path("ca");
        Table facts = new Table()
                .row("address", "%s:%s".formatted(field(status, "bind"), field(status, "port")))
                .row("name", field(status, "name") + " (dashboard: http://localhost:" + field(status, "port") + "/)")
                .row("transport", field(status, "transport"))
                .row("HTTPS", ca.path("interception").asBoolean(false)
                        ? "on: %s CA %s".formatted(field(ca, "origin"), field(ca, "path"))
                        : "off (no CA; see localhome ca)");
        if (ca.path("interception").asBoolean(false)) facts.row("CA SHA-256", field(ca, "sha256"));
        facts.row("plugins", plugins(status.path("plugins")));
        discovery(status.path("discovery"), facts);
        text.append(facts.render("  ")).append('\n');
        text.append(services(status.path("services")));
        return text.toString();
    }

    /** The services of {@code /api/status} or {@code /api/services}: a table, or a hint when there are none. */
    static String services(JsonNode services) {
        if (!services.isArray() || services.isEmpty())
            return "No services running — start one with NAME=app, e.g. NAME=app npm run dev\n";
        Table table = new Table().row("NAME", "STATE", "PORT", "PID", "URL", "COMMAND");
        List<String> notes = new ArrayList<>();
        for (JsonNode service : services) {
            List<String> pids = new ArrayList<>();
            JsonNode first = service.path("processes").path(0);
            for (JsonNode process : service.path("processes")) {
                pids.add(field(process, "pid"));
                if (process.path("answers").asBoolean(false)) first = process; // the one the name reaches
            }
            table.row(field(service, "name"), state(service, Instant.now()), field(service, "port"),
                    pids.isEmpty() ? "-" : String.join(",", pids),
                    field(service, "url"), first.isMissingNode() ? "-"
                            : ServiceTable.shorten(container(first.path("container")) + first.path("command").asText("")));
            if (pids.size() > 1 && service.hasNonNull("portRule")) notes.add(several(service));
        }
        StringBuilder out = new StringBuilder(table.render());
        if (!notes.isEmpty()) out.append('\n');
        notes.forEach(note -> out.append(note).append('\n'));
        return out.toString();
    }

    /** "app: 2 processes carry NAME=app: pid 12 on 3000 answers; pid 34 on 3001 (port 3000 is the lowest ...)". */
    private static String several(JsonNode service) {
        List<String> each = new ArrayList<>();
        for (JsonNode process : service.path("processes")) {
            List<String> ports = new ArrayList<>();
            process.path("ports").forEach(port -> ports.add(port.asText()));
            each.add("pid " + field(process, "pid") + (ports.isEmpty() ? "" : " on " + String.join(", ", ports))
                    + (process.path("answers").asBoolean(false) ? " answers" : ""));
        }
        return "%s: %d processes carry NAME=%s: %s (%s)".formatted(field(service, "name"), each.size(),
                field(service, "name"), String.join("; ", each), service.path("portRule").asText());
    }

    /** {@code running}, or {@code stopped 5m ago}; a daemon from before stopped services listed running ones only. */
    static String state(JsonNode service, Instant now) {
        if (!"stopped".equals(service.path("state").asText("running"))) return "running";
        try {
            Instant seen = Instant.parse(service.path("lastSeen").asText());
            return "stopped " + uptime(StatusCommand.JSON.getNodeFactory().numberNode(
                    Math.max(0, Duration.between(seen, now).toSeconds()))) + " ago";
        } catch (DateTimeParseException e) {
            return "stopped";
        }
    }

    /** A container's name, image and short id before its command, as {@code scan} shows them. */
    private static String container(JsonNode container) {
        return container.isObject() ? ServiceTable.inContainer(field(container, "name"), field(container, "image"),
                field(container, "id")) : "";
    }

    /**
     * One row per discovery source: {@code containers  active: Docker Engine 20.10.24 at /var/run/docker.sock}, or
     * {@code off: permission denied on ...}: why containers are not found, when they are not.
     */
    private static void discovery(JsonNode sources, Table facts) {
        String key = "discovery";
        for (JsonNode source : sources) {
            String detail = source.path("detail").asText("");
            facts.row(key, "%s %s%s".formatted(field(source, "source"), field(source, "state"),
                    detail.isEmpty() ? "" : ": " + detail));
            key = "";
        }
    }

    private static String plugins(JsonNode plugins) {
        if (!plugins.isArray() || plugins.isEmpty()) return "none";
        List<String> names = new ArrayList<>();
        // a plugin may be reported by name alone or as an object with a name
        for (JsonNode plugin : plugins) names.add(plugin.isTextual() ? plugin.asText() : field(plugin, "name"));
        return String.join(", ", names);
    }

    static String uptime(JsonNode seconds) {
        if (!seconds.isNumber()) return "-";
        Duration up = Duration.ofSeconds(seconds.asLong());
        if (up.toDays() > 0) return "%dd %dh %02dm".formatted(up.toDays(), up.toHoursPart(), up.toMinutesPart());
        if (up.toHours() > 0) return "%dh %02dm".formatted(up.toHours(), up.toMinutesPart());
        if (up.toMinutes() > 0) return "%dm %02ds".formatted(up.toMinutes(), up.toSecondsPart());
        return up.toSeconds() + "s";
    }

    private static String field(JsonNode node, String name) {
        JsonNode value = node.path(name);
        return value.isMissingNode() || value.isNull() || value.asText().isEmpty() ? "-" : value.asText();
    }
}
