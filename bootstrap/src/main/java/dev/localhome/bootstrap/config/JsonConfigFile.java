package dev.localhome.bootstrap.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.localhome.adapters.netty.NettyTransports;
import dev.localhome.domain.ServiceName;
import dev.localhome.domain.inspect.QueryRedaction;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One JSON config file ({@code ./localhome.local.json} or the user's {@code config.json}) read as a layer. Read with
 * Jackson's tree model rather than data binding: every error must name the file and the key, and say what is wrong
 * in the user's terms, which a mapped class cannot.
 */
public final class JsonConfigFile {
    static final List<String> KEYS = List.of("port", "bind", "name", "mkcertCaRoot", "services", "plugins",
            "forwardedHeaders", "http2WebSockets", "inspector", "inspectHeaders", "transport",
            "inspectRedactQuery", "stopGraceSeconds", "composeNames", "backendTimeoutSeconds");
    /** The longest grace a stop may give: a service manager kills a unit that takes longer (systemd: 90 s). */
    static final int MAX_STOP_GRACE_SECONDS = 60;
    /** The longest wait for a backend's answer: an hour, past any compile; a longer wait is a hung server. */
    static final int MAX_BACKEND_TIMEOUT_SECONDS = 3_600;

    /** Made when a file is read, not when none is there: most commands run with no config file at all. */
    private static final class Reader {
        // A key given twice is almost always a merge accident: say so instead of silently taking the last one.
        private static final ObjectMapper JSON = new ObjectMapper().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    }

    private final Path file;

    private JsonConfigFile(Path file) {
        this.file = file;
    }

    /** The file's layer, or empty when there is no such file. */
    public static Optional<ConfigLayer> readIfPresent(Path file) {
        return Files.exists(file) ? Optional.of(read(file)) : Optional.empty();
    }

    /** The file's layer; a missing, unreadable or wrong file is a {@link ConfigException} naming it. */
    public static ConfigLayer read(Path file) {
        return new JsonConfigFile(file.toAbsolutePath().normalize()).layer();
    }

    private ConfigLayer layer() {
        JsonNode root = parse();
        if (!root.isObject()) throw new ConfigException(file + ": expected a JSON object { ... }, got " + root);
        for (Map.Entry<String, JsonNode> field : root.properties()) {
            String key = field.getKey();
            if (!KEYS.contains(key))
                throw new ConfigException("%s: unknown key '%s' (known keys: %s)"
                        .formatted(file, key, String.join(", ", KEYS)));
        }
        return new ConfigLayer(
                optional(root, "port").map(this::port),
                optional(root, "bind").map(node -> ConfigValues.bindHost(where("bind"), text(node, "bind",
                        ConfigValues.HOST_EXPECTATION))),
                optional(root, "name").map(node -> ConfigValues.name(where("name"), text(node, "name",
                        ConfigValues.NAME_EXPECTATION))),
                optional(root, "mkcertCaRoot").map(this::caRoot),
                optional(root, "services").map(this::services).orElse(Map.of()),
                optional(root, "plugins").map(this::plugins).orElse(Map.of()),
                optional(root, "forwardedHeaders").map(node -> bool(node, "forwardedHeaders")),
                optional(root, "http2WebSockets").map(node -> bool(node, "http2WebSockets")),
                optional(root, "inspector").map(node -> bool(node, "inspector")),
                optional(root, "inspectHeaders").map(node -> bool(node, "inspectHeaders")),
                optional(root, "transport").map(this::transport),
                optional(root, "inspectRedactQuery").map(this::redactQuery),
                optional(root, "stopGraceSeconds").map(this::stopGrace),
                optional(root, "composeNames").map(node -> bool(node, "composeNames")),
                optional(root, "backendTimeoutSeconds").map(this::backendTimeout));
    }

    private JsonNode parse() {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new ConfigException("%s: cannot read the config file: %s".formatted(file, e.getMessage()), e);
        }
        if (text.isBlank()) throw new ConfigException(file + ": the file is empty; expected a JSON object { ... }");
        try {
            return Reader.JSON.readTree(text);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String line = at == null ? "" : " line %d, column %d:".formatted(at.getLineNr(), at.getColumnNr());
            throw new ConfigException("%s:%s not valid JSON: %s".formatted(file, line, whatIsWrong(e)), e);
        }
    }

    /**
     * What is wrong, in the user's terms: Jackson's first line, without the parser's own notation ("start marker at
     * [Source: REDACTED ...]"); a file that ends early (a cut-off copy, an editor that saved half) says so.
     */
    static String whatIsWrong(JsonProcessingException e) {
        String first = e.getOriginalMessage().lines().findFirst().orElse("malformed");
        Matcher opened = START_MARKER.matcher(first);
        String where = opened.find() ? " (the one opened at line %s, column %s)".formatted(opened.group(1), opened.group(2)) : "";
        if (e instanceof JsonEOFException) {
            String what = first.contains("Array") ? "an array [ ... ]" : first.contains("Object") ? "an object { ... }"
                    : "a value";
            return "the file ends before %s is closed%s: is it cut short?".formatted(what, where);
        }
        return START_MARKER.matcher(first).replaceAll("").replaceAll("\\s*at \\[Source:.*$", "").strip();
    }

    private static final Pattern START_MARKER =
            Pattern.compile("\\s*\\(start marker at \\[Source: [^\\]]*?line: (\\d+), column: (\\d+)\\]\\)");

    private static Optional<JsonNode> optional(JsonNode root, String key) {
        // "key": null means "not set here", the way a JSON writer spells an absent value
        return Optional.ofNullable(root.get(key)).filter(node -> !node.isNull());
    }

    private int port(JsonNode node) {
        if (node.isIntegralNumber() && node.canConvertToInt() && node.intValue() >= 0 && node.intValue() <= 65_535)
            return node.intValue();
        throw ConfigValues.wrong(where("port"), ConfigValues.PORT_EXPECTATION, node.toString());
    }

    /** A relative path is relative to the file's directory, so a project file can point into the project. */
    private Path caRoot(JsonNode node) {
        String text = text(node, "mkcertCaRoot", "a directory path");
        if (text.isBlank()) throw ConfigValues.wrong(where("mkcertCaRoot"), "a directory path", node.toString());
        return file.getParent().resolve(text).normalize();
    }

    private Map<String, Integer> services(JsonNode node) {
        if (!node.isObject())
            throw ConfigValues.wrong(where("services"), "an object of service name to port", node.toString());
        Map<String, Integer> services = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> field : node.properties()) {
            String key = "services." + field.getKey();
            ServiceName name = ServiceName.parse(field.getKey()).orElseThrow(() -> new ConfigException(
                    "%s: '%s' is not %s".formatted(where("services"), field.getKey(), ConfigValues.NAME_EXPECTATION)));
            JsonNode port = field.getValue();
            if (!port.isIntegralNumber() || !port.canConvertToInt() || port.intValue() < 1 || port.intValue() > 65_535)
                throw ConfigValues.wrong(where(key), ConfigValues.MAPPED_PORT_EXPECTATION, port.toString());
            // names are case-insensitive: "API" and "api" would shadow each other
            if (services.put(name.value(), port.intValue()) != null)
                throw new ConfigException("%s: '%s' is mapped twice".formatted(where("services"), name));
        }
        return services;
    }

    /**
     * {@code "plugins": {"npm-names": {"enabled": true}}}: an object per plugin, whose keys are the plugin's own
     * business (it reads them, and names this file when one is wrong); converted to plain Java values.
     */
    private Map<String, Object> plugins(JsonNode node) {
        if (!node.isObject())
            throw ConfigValues.wrong(where("plugins"), "an object of plugin name to its settings object", node.toString());
        Map<String, Object> plugins = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> field : node.properties()) {
            if (!field.getValue().isObject())
                throw ConfigValues.wrong(where("plugins." + field.getKey()), "an object of settings, e.g. "
                        + "{\"enabled\": true}", field.getValue().toString());
            plugins.put(field.getKey(), Reader.JSON.convertValue(field.getValue(), Map.class));
        }
        return plugins;
    }

    /** Only the name is checked here: whether it loads is known on this machine only, when the daemon starts. */
    private TransportSetting transport(JsonNode node) {
        String expectation = ConfigValues.TRANSPORT_EXPECTATION;
        String name = text(node, "transport", expectation);
        if (!NettyTransports.transportChoices().contains(name))
            throw ConfigValues.wrong(where("transport"), expectation, node.toString());
        return new TransportSetting(name, where("transport"));
    }

    /** {@code ["ticket", "magic"]}: query keys to redact besides the default list. */
    private List<String> redactQuery(JsonNode node) {
        String expectation = "an array of query parameter names, e.g. [\"ticket\", \"magic\"]";
        if (!node.isArray()) throw ConfigValues.wrong(where("inspectRedactQuery"), expectation, node.toString());
        List<String> keys = new java.util.ArrayList<>();
        for (JsonNode key : node) {
            if (!key.isTextual() || !QueryRedaction.isKeyName(key.textValue()))
                throw ConfigValues.wrong(where("inspectRedactQuery"), expectation, key.toString());
            keys.add(key.textValue());
        }
        return keys;
    }

    private java.time.Duration stopGrace(JsonNode node) {
        String expectation = "a whole number of seconds from 0 to " + MAX_STOP_GRACE_SECONDS;
        if (!node.isIntegralNumber() || !node.canConvertToInt() || node.intValue() < 0
                || node.intValue() > MAX_STOP_GRACE_SECONDS)
            throw ConfigValues.wrong(where("stopGraceSeconds"), expectation, node.toString());
        return java.time.Duration.ofSeconds(node.intValue());
    }

    private java.time.Duration backendTimeout(JsonNode node) {
        String expectation = "a whole number of seconds from 1 to " + MAX_BACKEND_TIMEOUT_SECONDS;
        if (!node.isIntegralNumber() || !node.canConvertToInt() || node.intValue() < 1
                || node.intValue() > MAX_BACKEND_TIMEOUT_SECONDS)
            throw ConfigValues.wrong(where("backendTimeoutSeconds"), expectation, node.toString());
        return java.time.Duration.ofSeconds(node.intValue());
    }

    private boolean bool(JsonNode node, String key) {
        if (!node.isBoolean())
            throw ConfigValues.wrong(where(key), "true or false", node.toString());
        return node.booleanValue();
    }

    private String text(JsonNode node, String key, String expectation) {
        if (!node.isTextual()) throw ConfigValues.wrong(where(key), expectation, node.toString());
        return node.textValue();
    }

    private String where(String key) {
        return "%s: key '%s'".formatted(file, key);
    }
}
