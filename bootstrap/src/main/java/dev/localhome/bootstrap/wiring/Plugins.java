package dev.localhome.bootstrap.wiring;

import com.google.inject.Module;
import com.google.inject.Stage;
import com.google.inject.spi.Element;
import com.google.inject.spi.Elements;
import com.google.inject.spi.Message;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Guice modules that jars on the class path contribute through {@link ServiceLoader}
 * ({@code META-INF/services/com.google.inject.Module}). A plugin that cannot be loaded, or whose {@code configure}
 * throws, is reported by name and left out: one broken jar must not stop the daemon.
 *
 * <p>Each module is configured once, here, into recorded elements; the injector replays the recording. That is how
 * a failing {@code configure} is caught before the injector exists, and why it never runs twice.
 */
public record Plugins(List<Module> modules, List<String> names) {
    private static final Logger log = LoggerFactory.getLogger(Plugins.class);
    /** ServiceLoader may fail on the same broken entry forever; stop looking after this many failures. */
    private static final int MAX_FAILURES = 100;

    public Plugins {
        modules = List.copyOf(modules);
        names = List.copyOf(names);
    }

    public static Plugins none() {
        return new Plugins(List.of(), List.of());
    }

    /** Every plugin {@code classLoader} can see; failures are logged at WARN and skipped. */
    public static Plugins load(ClassLoader classLoader) {
        List<Module> modules = new ArrayList<>();
        List<String> names = new ArrayList<>();
        Iterator<ServiceLoader.Provider<Module>> providers =
                ServiceLoader.load(Module.class, classLoader).stream().iterator();
        int failures = 0;
        while (failures < MAX_FAILURES) {
            ServiceLoader.Provider<Module> provider;
            try {
                if (!providers.hasNext()) break;
                provider = providers.next();
            } catch (ServiceConfigurationError e) {
                // a listed class that is missing or not a Module: the message names it
                log.warn("plugin skipped: {}", e.getMessage());
                failures++;
                continue;
            }
            String name = provider.type().getName();
            try {
                modules.add(recorded(name, provider.get()));
                names.add(name);
            } catch (ServiceConfigurationError | PluginException e) {
                log.warn("plugin {} skipped: {}", name, messageOf(e));
                failures++;
            }
        }
        log.info("plugins: {}", names.isEmpty() ? "none" : String.join(", ", names));
        return new Plugins(modules, names);
    }

    /** Runs the plugin's {@code configure} into a recording; Guice turns an exception in it into error messages. */
    private static Module recorded(String name, Module module) {
        List<Element> elements;
        try {
            elements = Elements.getElements(Stage.DEVELOPMENT, module);
        } catch (RuntimeException e) {
            throw new PluginException(e.toString());
        }
        for (Element element : elements) {
            // Guice wraps the exception configure threw; its own text is what names the problem
            if (element instanceof Message message)
                throw new PluginException(message.getCause() != null ? message.getCause().toString() : message.getMessage());
        }
        return Elements.getModule(elements);
    }

    private static String messageOf(Throwable e) {
        // ServiceLoader wraps a throwing constructor: its cause says what went wrong
        Throwable shown = e instanceof ServiceConfigurationError && e.getCause() != null ? e.getCause() : e;
        return shown instanceof PluginException ? shown.getMessage() : shown.toString();
    }

    /** A plugin's {@code configure} failed; carries Guice's message for the log. */
    private static final class PluginException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        PluginException(String message) {
            super(message);
        }
    }
}
