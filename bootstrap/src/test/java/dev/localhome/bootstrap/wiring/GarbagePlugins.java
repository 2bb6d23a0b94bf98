package dev.localhome.bootstrap.wiring;

import com.google.inject.AbstractModule;
import com.google.inject.multibindings.Multibinder;
import com.google.inject.multibindings.ProvidesIntoSet;
import dev.localhome.domain.Listener;
import dev.localhome.domain.ServiceName;
import dev.localhome.domain.port.ServiceDiscovery;
import java.util.Arrays;
import java.util.List;

/**
 * Plugins that load fine and then misbehave, one way each. Not registered globally: {@code BrokenPluginsTest} lists
 * them in a class loader of its own.
 */
final class GarbagePlugins {
    static final ServiceName SURVIVOR = new ServiceName("among-the-nulls");
    static final int SURVIVOR_PORT = 65_002;

    private GarbagePlugins() {}

    private static ServiceDiscovery source(String name, java.util.function.Supplier<List<Listener>> scan) {
        return new ServiceDiscovery() {
            @Override
            public String sourceName() {
                return name;
            }

            @Override
            public List<Listener> scan() {
                return scan.get();
            }
        };
    }

    /** Its scan returns {@code null} instead of a list. */
    public static final class ReturnsNull extends AbstractModule {
        @Override
        protected void configure() {
            Multibinder.newSetBinder(binder(), ServiceDiscovery.class).addBinding()
                    .toInstance(source("returns-null", () -> null));
        }
    }

    /** Its scan returns a list with {@code null} listeners around one good one. */
    public static final class ReturnsNullElements extends AbstractModule {
        @Override
        protected void configure() {
            Multibinder.newSetBinder(binder(), ServiceDiscovery.class).addBinding().toInstance(source("null-elements",
                    () -> Arrays.asList(null, Listener.withoutProcess(SURVIVOR, SURVIVOR_PORT), null)));
        }
    }

    /** Its scan throws, every time. */
    public static final class ThrowsOnEveryScan extends AbstractModule {
        @Override
        protected void configure() {
            Multibinder.newSetBinder(binder(), ServiceDiscovery.class).addBinding().toInstance(source("throws",
                    () -> {
                        throw new IllegalStateException("scan broken on purpose");
                    }));
        }
    }

    /** Its source cannot even be created: the provider throws when the daemon starts. */
    public static final class ThrowsAtStart extends AbstractModule {
        @ProvidesIntoSet
        ServiceDiscovery source() {
            throw new IllegalStateException("start broken on purpose");
        }
    }
}
