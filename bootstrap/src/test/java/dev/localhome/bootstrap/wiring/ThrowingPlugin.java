package dev.localhome.bootstrap.wiring;

import com.google.inject.AbstractModule;

/** A plugin whose {@code configure} throws. Not registered globally: {@code PluginsTest} lists it in a class loader of its own. */
public final class ThrowingPlugin extends AbstractModule {
    @Override
    protected void configure() {
        throw new IllegalStateException("this plugin is broken on purpose");
    }
}
