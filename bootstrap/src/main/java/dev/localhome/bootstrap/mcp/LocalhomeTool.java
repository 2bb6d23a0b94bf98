package dev.localhome.bootstrap.mcp;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.modelcontextprotocol.spec.McpSchema.Tool;
import java.util.Map;

/** One MCP tool: what it is called and takes, and its JSON answer; it throws {@link NoAnswer} when it has none. */
interface LocalhomeTool {
    Tool definition();

    ObjectNode call(Map<String, Object> arguments);
}
