package dev.localhome.bootstrap.wiring;

import com.google.inject.AbstractModule;

/** A plugin that cannot even be created. Not registered globally (see {@link ThrowingPlugin}). */
public final class ExplodingConstructorPlugin extends AbstractModule {
    public ExplodingConstructorPlugin() {
        throw new IllegalStateException("no constructing this one");
    }
}
