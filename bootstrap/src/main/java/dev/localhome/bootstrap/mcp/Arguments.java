package dev.localhome.bootstrap.mcp;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.localhome.domain.ServiceName;
import java.util.Map;
import java.util.Optional;

/**
 * A tool call's arguments, read leniently (a client may send {@code 20}, {@code 20.0} or {@code "20"}) and checked
 * strictly: a name that is not a service name is refused with a sentence, never looked up.
 */
final class Arguments {
    private final Map<String, Object> values;

    Arguments(Map<String, Object> values) {
        this.values = values == null ? Map.of() : values;
    }

    Optional<ServiceName> name(String key) {
        Object value = values.get(key);
        if (value == null || value.toString().isBlank()) return Optional.empty();
        return Optional.of(ServiceName.parse(value.toString().trim()).orElseThrow(() -> new NoAnswer(refusal(
                "'%s' is not a service name".formatted(value), "a name is the NAME a dev server was started with: "
                        + "letters, digits, '-' and '_', joined by dots (e.g. app, api.shop); list_services shows "
                        + "the running ones"))));
    }

    ServiceName requiredName(String key) {
        return name(key).orElseThrow(() -> new NoAnswer(refusal("the argument '%s' is missing".formatted(key),
                "give the service's name, e.g. {\"" + key + "\": \"app\"}; list_services shows the running ones")));
    }

    /** A whole number between {@code min} and {@code max}, {@code fallback} when absent; out of range is clamped. */
    int count(String key, int fallback, int min, int max) {
        Object value = values.get(key);
        if (value == null) return fallback;
        double number;
        try {
            number = value instanceof Number n ? n.doubleValue() : Double.parseDouble(value.toString().trim());
        } catch (NumberFormatException e) {
            throw new NoAnswer(refusal("'%s' is not a number of requests".formatted(value),
                    "give %s as a whole number from %d to %d".formatted(key, min, max)));
        }
        return (int) Math.max(min, Math.min(max, Math.round(number)));
    }

    private static ObjectNode refusal(String error, String hint) {
        return ToolJson.object().put("error", error).put("hint", hint);
    }
}
