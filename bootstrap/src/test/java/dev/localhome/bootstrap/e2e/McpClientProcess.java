package dev.localhome.bootstrap.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.ServerParameters;
import io.modelcontextprotocol.client.transport.StdioClientTransport;
import io.modelcontextprotocol.json.jackson2.JacksonMcpJsonMapper;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.TextContent;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * The SDK's own MCP client, with {@code localhome mcp --port <port>} started as a separate JVM from the test class
 * path, as an MCP client such as Claude Code starts it: stdin and stdout carry the protocol, stderr is kept.
 * {@code HOME} and {@code XDG_CONFIG_HOME} point at a test directory so the machine's config is never read.
 */
final class McpClientProcess implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A tool's answer: whether it was an error, and its JSON text parsed. */
    record ToolAnswer(boolean isError, JsonNode json) {}

    private final McpSyncClient client;
    private final List<String> stderr;

    private McpClientProcess(McpSyncClient client, List<String> stderr) {
        this.client = client;
        this.stderr = stderr;
    }

    static McpClientProcess start(int daemonPort, Path home) {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ServerParameters server = ServerParameters.builder(java)
                .args("-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xshare:auto", "-Xmx256m",
                        "-cp", System.getProperty("java.class.path"), "dev.localhome.bootstrap.Main",
                        "mcp", "--port", String.valueOf(daemonPort))
                .env(Map.of("HOME", home.toString(), "XDG_CONFIG_HOME", home.resolve(".config").toString()))
                .build();
        StdioClientTransport transport = new StdioClientTransport(server, new JacksonMcpJsonMapper(JSON));
        List<String> stderr = new CopyOnWriteArrayList<>();
        transport.setStdErrorHandler(line -> {
            if (stderr.size() < 200) stderr.add(line);
        });
        // bounds for a JVM start and a daemon round trip on a busy 2-core machine, not timing assertions
        McpSyncClient client = McpClient.sync(transport).initializationTimeout(Duration.ofSeconds(60))
                .requestTimeout(Duration.ofSeconds(30)).build();
        client.initialize();
        return new McpClientProcess(client, stderr);
    }

    McpSyncClient client() {
        return client;
    }

    ToolAnswer call(String tool, Map<String, Object> arguments) {
        CallToolResult result = client.callTool(CallToolRequest.builder(tool).arguments(arguments).build());
        String text = ((TextContent) result.content().get(0)).text();
        try {
            return new ToolAnswer(Boolean.TRUE.equals(result.isError()), JSON.readTree(text));
        } catch (IOException e) {
            throw new UncheckedIOException("not JSON from " + tool + ": " + text + "; stderr: " + stderr, e);
        }
    }

    List<String> stderr() {
        return List.copyOf(stderr);
    }

    /**
     * Closes the client, which closes the server's stdin and then ends the process (the SDK's transport does both;
     * that the server also exits on its own at end of stdin is {@code LocalhomeMcpServerTest}'s). A server still
     * running after a bounded wait is ended by its PID, and reported.
     */
    @Override
    public void close() {
        List<ProcessHandle> servers = ProcessHandle.current().children()
                .filter(child -> child.info().arguments().map(List::of).orElse(List.of()).contains("mcp")).toList();
        client.closeGracefully();
        for (ProcessHandle server : servers) {
            Optional<ProcessHandle> exited = server.onExit().completeOnTimeout(null, 20, TimeUnit.SECONDS)
                    .thenApply(Optional::ofNullable).join();
            if (exited.isEmpty()) {
                server.destroyForcibly();
                throw new AssertionError("localhome mcp (pid " + server.pid() + ") did not exit when its stdin closed");
            }
        }
    }
}
