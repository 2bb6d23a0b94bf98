package dev.localhome.domain.port;

import dev.localhome.domain.Listener;
import java.io.IOException;
import java.util.List;

/** Outbound: a source of named listening ports. Many sources run side by side; their listeners are merged. */
public interface ServiceDiscovery {
    /** A short name for logs and the dashboard, e.g. {@code procfs} or {@code config}. */
    String sourceName();

    /** Every listener this source sees now. May block for a moment: never called on an event loop. */
    List<Listener> scan() throws IOException;

    /**
     * Whether the source finds anything now, and why not. Sources that cannot fail (a process scan, static
     * mappings) keep this default.
     */
    default DiscoveryState state() {
        return new DiscoveryState.Active("");
    }

    /**
     * Asks a source that learns of changes by itself (an event stream) to call {@code rescan} when its listeners
     * changed, so the registry scans at once instead of at its next refresh. Sources that only know what a scan
     * finds ignore it. {@code rescan} returns at once; it may be called from any thread.
     */
    default void whenChanged(Runnable rescan) {
    }
}
