package dev.localhome.bootstrap.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.localhome.bootstrap.mcp.DaemonApi.Answer;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.TextContent;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The server in-process, over pipes, with a stand-in for the daemon's API (the port the tools talk through): how it
 * ends, and what the tools make of answers a real daemon of today cannot give yet.
 */
class LocalhomeMcpServerTest {

    /** The daemon's API as a table of path to answer; anything else is a 404, as the daemon's own pages say. */
    private record Daemon(Map<String, Answer> answers, List<String> asked) implements DaemonApi {
        Daemon(Map<String, Answer> answers) {
            this(answers, new CopyOnWriteArrayList<>());
        }

        @Override
        public Answer get(String path) {
            asked.add(path);
            return answers.getOrDefault(path, new Answer.Answered(404, "There is no page at " + path));
        }

        @Override
        public String address() {
            return "127.0.0.1:9090";
        }
    }

    @Test
    void servingEndsWhenTheClientClosesItsInput() throws Exception {
        PipedOutputStream client = new PipedOutputStream();
        PipedInputStream stdin = new PipedInputStream(client);
        PipedInputStream fromServer = new PipedInputStream(64 * 1024);
        OutputStream stdout = new PipedOutputStream(fromServer);
        CompletableFuture<Void> serving = CompletableFuture.runAsync(() -> {
            try {
                LocalhomeMcpServer.serve(new Daemon(Map.of()), "test", stdin, stdout);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        BufferedReader lines = new BufferedReader(new InputStreamReader(fromServer, StandardCharsets.UTF_8));

        client.write(("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":"
                + "\"2025-06-18\",\"capabilities\":{},\"clientInfo\":{\"name\":\"test\",\"version\":\"1\"}}}\n")
                .getBytes(StandardCharsets.UTF_8));
        client.flush();
        JsonNode initialized = ToolJson.MAPPER.readTree(
                CompletableFuture.supplyAsync(() -> readLine(lines)).get(30, TimeUnit.SECONDS));
        client.close();

        assertThat(initialized.path("jsonrpc").asText()).isEqualTo("2.0");
        assertThat(initialized.path("id").asInt()).isEqualTo(1);
        assertThat(initialized.path("result").path("serverInfo").path("name").asText()).isEqualTo("localhome");
        assertThat(serving).succeedsWithin(30, TimeUnit.SECONDS);
    }

    @Test
    void recentRequestsAsksForTheServiceAndCountAndPassesTheRecordThrough() {
        String record = "[{\"id\":41,\"service\":\"app\",\"method\":\"GET\",\"target\":\"/\",\"status\":200},"
                + "{\"id\":42,\"service\":\"app\",\"method\":\"POST\",\"target\":\"/save\",\"status\":500}]";
        Daemon daemon = new Daemon(Map.of("/api/requests?service=app&n=2", new Answer.Answered(200, record)));

        JsonNode answer = call(daemon, "recent_requests", Map.of("service", "App", "n", 2.0));

        assertThat(daemon.asked()).containsExactly("/api/requests?service=app&n=2");
        assertThat(answer.path("service").asText()).isEqualTo("app");
        assertThat(answer.path("count").asInt()).isEqualTo(2);
        assertThat(answer.path("requests").findValuesAsText("target")).containsExactly("/", "/save");
    }

    @Test
    void recentRequestsSaysTheInspectorIsMissingFromADaemonThatHasNoSuchPage() {
        CallToolResult result = result(new Daemon(Map.of()), "recent_requests", Map.of("service", "app"));

        assertThat(result.isError()).isTrue();
        assertThat(text(result).path("error").asText())
                .isEqualTo("the request inspector is not available in this daemon: it has no /api/requests");
        assertThat(text(result).path("daemon").asText()).isEqualTo("127.0.0.1:9090");
    }

    @Test
    void recentRequestsWithNoTrafficYetSaysWhichRequestsAreRecorded() {
        Daemon daemon = new Daemon(Map.of("/api/requests?service=app&n=20", new Answer.Answered(200, "[]")));

        JsonNode answer = call(daemon, "recent_requests", Map.of("service", "app"));

        assertThat(answer.path("count").asInt()).isZero();
        assertThat(answer.path("hint").asText()).contains("only requests through localhome", "http://app.localhost:9090/");
    }

    @Test
    void aCountOutOfRangeIsClampedToWhatTheInspectorKeeps() {
        Daemon daemon = new Daemon(Map.of("/api/requests?n=1000", new Answer.Answered(200, "[]")));

        call(daemon, "recent_requests", Map.of("n", 5000));

        assertThat(daemon.asked()).containsExactly("/api/requests?n=1000");
    }

    @Test
    void somethingElseOnThePortIsNamedAsSuchNotTakenForLocalhome() {
        CallToolResult result = result(new Daemon(Map.of("/api/services", new Answer.Answered(502, "bad gateway"))),
                "list_services", Map.of());

        assertThat(result.isError()).isTrue();
        assertThat(text(result).path("error").asText())
                .isEqualTo("the daemon on 127.0.0.1:9090 answered HTTP 502 for /api/services");
    }

    private static JsonNode call(DaemonApi daemon, String tool, Map<String, Object> arguments) {
        CallToolResult result = result(daemon, tool, arguments);
        assertThat(result.isError()).as(text(result).toString()).isFalse();
        return text(result);
    }

    private static CallToolResult result(DaemonApi daemon, String tool, Map<String, Object> arguments) {
        LocalhomeTool chosen = LocalhomeMcpServer.tools(daemon).stream()
                .filter(candidate -> candidate.definition().name().equals(tool)).findFirst().orElseThrow();
        return LocalhomeMcpServer.call(chosen, arguments);
    }

    private static JsonNode text(CallToolResult result) {
        try {
            return ToolJson.MAPPER.readTree(((TextContent) result.content().get(0)).text());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static String readLine(BufferedReader lines) {
        try {
            return lines.readLine();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
