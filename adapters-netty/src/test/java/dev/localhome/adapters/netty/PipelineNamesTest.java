package dev.localhome.adapters.netty;

import static org.assertj.core.api.Assertions.assertThat;

import dev.localhome.adapters.netty.inbound.PipelineNames;
import io.netty.channel.ChannelHandler;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The drawing in adapters-netty/README.md names every handler class this module has, each with the
 * {@link PipelineNames} name it serves under: a handler added without a name, or a name without its handler, fails.
 */
class PipelineNamesTest {
    private static final String BASE = "dev.localhome.adapters.netty.";
    private static final Pattern TABLE_ROW = Pattern.compile("(?m)^\\| `([\\w.$]+)`\\s*\\|([^|]*)\\|$");
    private static final Pattern QUOTED = Pattern.compile("`([^`]+)`");

    @Test
    void everyHandlerClassIsInTheDrawingWithTheNameItServesUnder() throws Exception {
        Map<String, Set<String>> table = handlerTable();
        Set<String> handlers = handlerClasses();
        assertThat(handlers).as("handler classes found").contains("routing.RequestRoutingHandler", "relay.RelayHandler");
        assertThat(table.keySet()).as("handler classes listed in README.md").containsAll(handlers);
        String drawing = drawing();
        for (String handler : handlers) {
            String simple = handler.substring(handler.lastIndexOf('.') + 1).replaceFirst(".*\\$", "");
            assertThat(drawing).as("the drawing names %s", handler).contains(simple);
            assertThat(table.get(handler)).as("the names %s serves under", handler).isNotEmpty();
        }
    }

    @Test
    void everyNameInTheTableIsAPipelineNameAndEveryPipelineNameIsInTheTable() throws Exception {
        Set<String> names = pipelineNames();
        Set<String> listed = handlerTable().values().stream().flatMap(Set::stream).collect(Collectors.toCollection(TreeSet::new));
        assertThat(names).as("PipelineNames constants").contains("router", "relay");
        assertThat(listed).as("names in README.md's handler table").isEqualTo(names);
        String drawing = drawing();
        for (String name : names) assertThat(drawing).as("the drawing shows [%s]", name).contains("[" + name + "]");
    }

    private static Set<String> pipelineNames() throws IllegalAccessException {
        Set<String> names = new TreeSet<>();
        for (Field field : PipelineNames.class.getDeclaredFields()) {
            if (Modifier.isStatic(field.getModifiers()) && field.getType() == String.class) names.add((String) field.get(null));
        }
        return names;
    }

    /** Concrete ChannelHandler classes compiled from this module's main sources, relative to its base package. */
    private static Set<String> handlerClasses() throws URISyntaxException, IOException, ClassNotFoundException {
        Path classes = Path.of(PipelineNames.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Set<String> handlers = new TreeSet<>();
        List<Path> files;
        try (Stream<Path> walk = Files.walk(classes.resolve(BASE.replace('.', '/')))) {
            files = walk.filter(path -> path.toString().endsWith(".class")).toList();
        }
        for (Path file : files) {
            String name = classes.relativize(file).toString().replace('/', '.').replaceFirst("\\.class$", "");
            Class<?> type = Class.forName(name, false, PipelineNames.class.getClassLoader());
            if (ChannelHandler.class.isAssignableFrom(type) && !type.isInterface() && !Modifier.isAbstract(type.getModifiers())
                    && !type.isAnonymousClass())
                handlers.add(name.substring(BASE.length()));
        }
        return handlers;
    }

    private static String readme() throws IOException {
        return Files.readString(Path.of("README.md")); // surefire runs in the module's directory
    }

    private static String drawing() throws IOException {
        String readme = readme();
        int start = readme.indexOf("```\naccept");
        return readme.substring(start, readme.indexOf("```", start + 3));
    }

    private static Map<String, Set<String>> handlerTable() throws IOException {
        Map<String, Set<String>> table = new HashMap<>();
        String readme = readme();
        Matcher row = TABLE_ROW.matcher(readme.substring(readme.indexOf("## Every handler class")));
        while (row.find()) {
            Set<String> names = new TreeSet<>();
            Matcher quoted = QUOTED.matcher(row.group(2));
            while (quoted.find()) names.add(quoted.group(1));
            table.put(row.group(1), names);
        }
        return table;
    }
}
