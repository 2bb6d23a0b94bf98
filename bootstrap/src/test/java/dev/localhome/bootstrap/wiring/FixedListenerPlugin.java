package dev.localhome.bootstrap.wiring;

import com.google.inject.AbstractModule;
import com.google.inject.multibindings.Multibinder;
import dev.localhome.domain.Listener;
import dev.localhome.domain.ServiceName;
import dev.localhome.domain.port.ServiceDiscovery;
import java.util.List;

/**
 * A plugin as a contributor would write one: a Guice module, listed in
 * {@code META-INF/services/com.google.inject.Module}, that adds a discovery source. Registered for every test in this
 * module, so the daemon under test always knows {@code plugin-fixture}.
 */
public final class FixedListenerPlugin extends AbstractModule {
    public static final ServiceName NAME = new ServiceName("plugin-fixture");
    public static final int PORT = 65_001;

    @Override
    protected void configure() {
        Multibinder.newSetBinder(binder(), ServiceDiscovery.class).addBinding().toInstance(new ServiceDiscovery() {
            @Override
            public String sourceName() {
                return "fixture";
            }

            @Override
            public List<Listener> scan() {
                return List.of(Listener.withoutProcess(NAME, PORT));
            }
        });
    }
}
