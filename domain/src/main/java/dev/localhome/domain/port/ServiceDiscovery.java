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
}
