package dev.localhome.bootstrap.cli.client;

import com.fasterxml.jackson.databind.JsonNode;
import dev.localhome.bootstrap.cli.common.CommandFailure;
import dev.localhome.bootstrap.cli.common.Failures;
import dev.localhome.bootstrap.cli.common.LogLevels;
import dev.localhome.bootstrap.cli.common.SharedOptions;
import dev.localhome.bootstrap.config.Config;
import java.io.PrintWriter;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code localhome requests [NAME]}: the recent exchanges the running daemon recorded ({@code /api/requests}), as a
 * table or as JSON lines; {@code --follow} then prints each one as it happens ({@code /api/requests/stream}). Exit
 * code 3 when no daemon runs on the port.
 */
@Command(name = "requests", description = {
        "Show the requests localhome passed on recently: method, target, status, times, bytes, protocol, arrival.",
        "Follow them live with --follow (until Ctrl-C); JSON lines for scripts with --json."})
public final class RequestsCommand implements Callable<Integer> {
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss.SSS").withZone(ZoneId.systemDefault());
    private static final String ROW = "%-12s  %-16s  %-6s  %-7s  %9s  %9s  %-9s  %-9s  %-9s  %s%n";

    @ParentCommand
    SharedOptions root;

    @Spec
    CommandSpec spec;

    @Parameters(arity = "0..1", paramLabel = "NAME", description = "Only this service's requests (default: every service).")
    String name;

    @Option(names = {"-n", "--number"}, paramLabel = "N", defaultValue = "20",
            description = "How many recent requests to show first (1-1000, default ${DEFAULT-VALUE}).")
    int count;

    @Option(names = {"-f", "--follow"}, description = "Keep printing requests as they happen, until Ctrl-C.")
    boolean follow;

    @Option(names = "--json", description = "One JSON object per line, as /api/requests has it.")
    boolean json;

    @Override
    public Integer call() {
        Config config = root.configFor(LogLevels.Mode.ONE_SHOT);
        DaemonClient daemon = DaemonClient.forConfig(config);
        PrintWriter out = spec.commandLine().getOut();
        String service = name == null ? "" : "service=" + URLEncoder.encode(name, StandardCharsets.UTF_8) + "&";
        if (count < 1 || count > 1000)
            throw new ParameterException(spec.commandLine(), "-n must be from 1 to 1000, not " + count);
        DaemonClient.Response recent = daemon.get("/api/requests?" + service + "n=" + count);
        if (recent.status() == 404)
            throw new CommandFailure("the daemon on port %d has no /api/requests (an older version?)".formatted(daemon.port()));
        if (!recent.ok())
            throw new CommandFailure("the daemon on port %d answered HTTP %d to /api/requests"
                    .formatted(daemon.port(), recent.status()));
        if (!json) out.printf(ROW, "TIME", "SERVICE", "STATUS", "METHOD", "MS", "BYTES", "PROTOCOL", "ARRIVAL", "BY",
                "TARGET");
        for (JsonNode exchange : StatusCommand.parse(recent.body(), "/api/requests")) print(out, exchange, false);
        out.flush();
        if (!follow) return 0;
        int status = daemon.stream("/api/requests/stream?" + service, new EventLines(data -> {
            print(out, StatusCommand.parse(data, "/api/requests/stream"), true);
            out.flush();
        }));
        if (status != 200)
            throw new CommandFailure("the daemon on port %d answered HTTP %d to /api/requests/stream"
                    .formatted(daemon.port(), status));
        spec.commandLine().getErr().println("localhome: the daemon on port %d ended the stream".formatted(daemon.port()));
        return Failures.NOT_RUNNING;
    }

    /**
     * JSON lines get every snapshot (an exchange starts, then is done: the same id twice); the table, live, shows an
     * exchange when it is done, and a WebSocket also when it opens, so each row says something new.
     */
    private void print(PrintWriter out, JsonNode exchange, boolean live) {
        if (json) {
            out.println(exchange.toString());
            return;
        }
        boolean open = "open".equals(exchange.path("state").asText());
        if (live && open && exchange.path("status").asInt() != 101) return;
        out.printf(ROW, clock(exchange.path("startedAt").asText()), exchange.path("service").asText(),
                status(exchange, open), exchange.path("method").asText(), millis(exchange.path("totalMs")),
                exchange.path("bytesOut").asText(), protocol(exchange), exchange.path("arrival").asText(),
                exchange.path("answeredBy").asText(), exchange.path("target").asText());
    }

    private static String status(JsonNode exchange, boolean open) {
        int status = exchange.path("status").asInt();
        if (status == 0) return open ? "..." : "-";
        return String.valueOf(status);
    }

    private static String protocol(JsonNode exchange) {
        JsonNode ws = exchange.path("websocket");
        if (ws.isMissingNode()) return exchange.path("protocol").asText();
        String code = ws.path("closeCode").isNull() ? "" : " " + ws.path("closeCode").asText();
        return "ws %d/%d%s".formatted(ws.path("messagesIn").asLong(), ws.path("messagesOut").asLong(), code);
    }

    private static String millis(JsonNode node) {
        return node.isNumber() ? "%.1f".formatted(node.asDouble()) : "-";
    }

    private static String clock(String instant) {
        try {
            return CLOCK.format(Instant.parse(instant));
        } catch (DateTimeParseException e) {
            return instant;
        }
    }
}
