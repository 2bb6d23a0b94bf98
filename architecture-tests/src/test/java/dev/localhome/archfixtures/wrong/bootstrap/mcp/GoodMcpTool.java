package dev.localhome.archfixtures.wrong.bootstrap.mcp;

import io.modelcontextprotocol.spec.McpSchema.Tool;

/** Right: the mcp package is where the SDK's types belong. */
public final class GoodMcpTool {
    static Tool definition() {
        return Tool.builder().name("good").build();
    }
}
