package dev.localhome.bootstrap.mcp;

import io.modelcontextprotocol.spec.McpSchema.ToolAnnotations;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The tools' input schemas (JSON Schema objects) and their shared annotations. */
final class Schemas {
    private Schemas() {}

    /** Every tool only reads the daemon's state: clients may call it freely, without asking the user. */
    static final ToolAnnotations READ_ONLY = ToolAnnotations.builder().readOnlyHint(true).destructiveHint(false)
            .idempotentHint(true).openWorldHint(false).build();

    static Map<String, Object> noArguments() {
        return object(Map.of(), List.of());
    }

    static Map<String, Object> object(Map<String, Object> properties, List<String> required) {
        Map<String, Object> schema = new LinkedHashMap<>();
        schema.put("type", "object");
        schema.put("properties", properties);
        if (!required.isEmpty()) schema.put("required", required);
        schema.put("additionalProperties", false);
        return schema;
    }

    static Map<String, Object> string(String description) {
        return Map.of("type", "string", "description", description);
    }

    static Map<String, Object> integer(String description, int min, int max, int fallback) {
        return Map.of("type", "integer", "description", description, "minimum", min, "maximum", max,
                "default", fallback);
    }
}
