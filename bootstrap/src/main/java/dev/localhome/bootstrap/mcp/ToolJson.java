package dev.localhome.bootstrap.mcp;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.util.Map;

/**
 * What a tool sends back: one JSON object, as compact text (what MCP clients show the model) and the same object
 * as {@code structuredContent} (for clients that read it), as the specification advises for structured results.
 */
final class ToolJson {
    static final ObjectMapper MAPPER = new ObjectMapper();
    private static final TypeReference<Map<String, Object>> OBJECT = new TypeReference<>() {};

    private ToolJson() {}

    static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    static CallToolResult answer(ObjectNode body) {
        return result(body, false);
    }

    static CallToolResult error(ObjectNode body) {
        return result(body, true);
    }

    static JsonNode parse(String text, String what) {
        try {
            return MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            ObjectNode body = object().put("error", what + " is not JSON: " + e.getOriginalMessage());
            throw new NoAnswer(body);
        }
    }

    private static CallToolResult result(ObjectNode body, boolean error) {
        try {
            return CallToolResult.builder().addTextContent(MAPPER.writeValueAsString(body))
                    .structuredContent(MAPPER.convertValue(body, OBJECT)).isError(error).build();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree that cannot be written", e);
        }
    }
}
