package dev.localhome.archfixtures.wrong.bootstrap.cli;

import io.modelcontextprotocol.spec.McpSchema.CallToolResult;

/** Wrong: a CLI command building an MCP result itself instead of leaving the SDK to the mcp package. */
public final class BadCliUsesTheMcpSdk {
    static CallToolResult answer() {
        return CallToolResult.builder().addTextContent("{}").build();
    }
}
