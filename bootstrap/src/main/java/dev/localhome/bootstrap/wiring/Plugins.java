package dev.localhome.bootstrap.wiring;

import com.google.inject.Binder;
import com.google.inject.Binding;
import com.google.inject.Inject;
import com.google.inject.Injector;
import com.google.inject.Key;
import com.google.inject.Module;
import com.google.inject.Provider;
import com.google.inject.ProvisionException;
import com.google.inject.Stage;
import com.google.inject.name.Names;
import dev.localhome.domain.port.ServiceDiscovery;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import com.google.inject.spi.Element;
import com.google.inject.spi.Elements;
import com.google.inject.spi.Message;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Guice modules that jars on the class path contribute through {@link ServiceLoader}
 * ({@code META-INF/services/com.google.inject.Module}). A plugin that cannot be loaded, or whose {@code configure}
 * throws, is reported by name and left out: one broken jar must not stop the daemon.
 *
 * <p>Each module is configured once, here, into recorded elements; the injector replays the recording. That is how
 * a failing {@code configure} is caught before the injector exists, and why it never runs twice. On replay, every
 * {@link ServiceDiscovery} a plugin binds is wrapped in a {@link GuardedDiscovery}: a source that throws when it is
 * created, or returns garbage when it scans, is reported by the plugin's name and cannot take the others down.
 */
public record Plugins(List<Module> modules, List<String> names) {
    private static final Logger log = LoggerFactory.getLogger(Plugins.class);
    /** ServiceLoader may fail on the same broken entry forever; stop looking after this many failures. */
    private static final int MAX_FAILURES = 100;
    private static final AtomicInteger MOVED_SOURCES = new AtomicInteger();

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

    /**
     * Runs the plugin's {@code configure} into a recording; Guice turns an exception in it into error messages. The
     * recording is replayed with every discovery source the plugin binds put behind a {@link GuardedDiscovery}.
     */
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
        return binder -> {
            for (Element element : elements) {
                if (element instanceof Binding<?> binding && isDiscoverySource(binding.getKey()))
                    guard(name, binding, binder);
                else element.applyTo(binder);
            }
        };
    }

    private static boolean isDiscoverySource(Key<?> key) {
        return key.getTypeLiteral().getRawType() == ServiceDiscovery.class;
    }

    /**
     * Moves the plugin's binding to a key of its own, and binds the plugin's key (a {@code Multibinder} element,
     * usually) to a provider that builds the source from there and guards it. A source whose creation throws is
     * reported by name and replaced by an empty one, so the daemon starts with every other source.
     */
    @SuppressWarnings("unchecked")
    private static void guard(String plugin, Binding<?> binding, Binder binder) {
        Key<ServiceDiscovery> original = (Key<ServiceDiscovery>) binding.getKey();
        Key<ServiceDiscovery> moved = Key.get(ServiceDiscovery.class,
                Names.named("localhome.plugin-source." + plugin + "#" + MOVED_SOURCES.incrementAndGet()));
        binding.applyTo(bindingAs(moved, binder));
        binder.withSource(binding.getSource()).bind(original).toProvider(new GuardedSourceProvider(plugin, moved));
    }

    /** {@code binder}, except that whatever it is asked to bind, it binds {@code key}: how a binding changes its key. */
    private static Binder bindingAs(Key<?> key, Binder binder) {
        return (Binder) Proxy.newProxyInstance(Binder.class.getClassLoader(), new Class<?>[] {Binder.class},
                (proxy, method, arguments) -> {
                    switch (method.getName()) {
                        case "withSource":
                        case "skipSources":
                            return bindingAs(key, (Binder) invoke(method, binder, arguments));
                        case "bind":
                            return binder.bind(key);
                        default:
                            return invoke(method, binder, arguments);
                    }
                });
    }

    private static Object invoke(Method method, Object target, Object[] arguments) throws Throwable {
        try {
            return method.invoke(target, arguments);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    /** Builds a plugin's source from its moved binding, behind a guard; a failure is reported and left out. */
    private static final class GuardedSourceProvider implements Provider<ServiceDiscovery> {
        private final String plugin;
        private final Key<ServiceDiscovery> moved;
        @Inject
        private Injector injector;

        GuardedSourceProvider(String plugin, Key<ServiceDiscovery> moved) {
            this.plugin = plugin;
            this.moved = moved;
        }

        @Override
        public ServiceDiscovery get() {
            try {
                ServiceDiscovery source = injector.getInstance(moved);
                if (source != null) return GuardedDiscovery.of(plugin, source);
                log.warn("plugin {}: its discovery source is null; skipped", plugin);
            } catch (RuntimeException | LinkageError e) {
                Throwable cause = e instanceof ProvisionException && e.getCause() != null ? e.getCause() : e;
                log.warn("plugin {}: its discovery source failed to start, skipped: {}", plugin, cause.toString());
            }
            return GuardedDiscovery.broken(plugin);
        }
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
