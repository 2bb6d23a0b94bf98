package dev.localhome.bootstrap.mcp;

import io.modelcontextprotocol.json.jackson2.JacksonMcpJsonMapper;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpServerFeatures.SyncToolSpecification;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.server.transport.StdioServerTransportProvider;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.ServerCapabilities;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code localhome mcp}: a Model Context Protocol server on stdin/stdout, with read-only tools over the running
 * daemon's API. It never prompts and answers in JSON; {@code out} carries the protocol and nothing else (logs go to
 * stderr). It serves until the client closes {@code in}, whether or not a daemon is running: each call asks anew.
 */
public final class LocalhomeMcpServer {
    private static final Logger log = LoggerFactory.getLogger(LocalhomeMcpServer.class);

    static final String INSTRUCTIONS = "localhome routes local dev servers by name: a server started with "
            + "NAME=app (e.g. NAME=app npm run dev) answers at http://app.localhost:<daemon port>/. Use service_url "
            + "for the URL of a name and whether it is up, list_services for everything running, recent_requests "
            + "for what a server answered lately, daemon_status for the daemon and its CA.";

    private LocalhomeMcpServer() {}

    /** The tools over {@code daemon}, in the order a client lists them. */
    static List<LocalhomeTool> tools(DaemonApi daemon) {
        DaemonQuestions questions = new DaemonQuestions(daemon);
        return List.of(new ListServicesTool(questions), new ServiceUrlTool(questions),
                new RecentRequestsTool(questions), new DaemonStatusTool(questions));
    }

    /** Serves on {@code in}/{@code out} until {@code in} ends; then closes the session and returns. */
    public static void serve(DaemonApi daemon, String version, InputStream in, OutputStream out)
            throws InterruptedException {
        InputEnd input = new InputEnd(in);
        JacksonMcpJsonMapper json = new JacksonMcpJsonMapper(ToolJson.MAPPER);
        McpSyncServer server = McpServer.sync(new StdioServerTransportProvider(json, input, out))
                .serverInfo("localhome", version)
                .instructions(INSTRUCTIONS)
                .capabilities(ServerCapabilities.builder().tools(false).build())
                .jsonMapper(json)
                // the tools check their own arguments (Arguments), so a wrong one is refused in JSON like every
                // other answer, not with the SDK's plain-text validation message
                .validateToolInputs(false)
                .tools(tools(daemon).stream().map(LocalhomeMcpServer::specification).toList())
                .build();
        log.debug("serving MCP on stdio for the daemon on {}", daemon.address());
        try {
            input.await();
        } finally {
            server.closeGracefully();
        }
    }

    private static SyncToolSpecification specification(LocalhomeTool tool) {
        return SyncToolSpecification.builder().tool(tool.definition())
                .callHandler((exchange, request) -> call(tool, request.arguments())).build();
    }

    /** A refusal is an {@code isError} result the model reads; only a bug becomes an error and a log line. */
    static CallToolResult call(LocalhomeTool tool, java.util.Map<String, Object> arguments) {
        try {
            return ToolJson.answer(tool.call(arguments));
        } catch (NoAnswer refusal) {
            return ToolJson.error(refusal.body());
        } catch (RuntimeException bug) {
            log.warn("tool {} failed", tool.definition().name(), bug);
            return ToolJson.error(ToolJson.object().put("error", tool.definition().name() + " failed: " + bug)
                    .put("hint", "run `localhome mcp --verbose` to see details on stderr"));
        }
    }
}
