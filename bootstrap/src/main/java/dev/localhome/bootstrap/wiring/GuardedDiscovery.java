package dev.localhome.bootstrap.wiring;

import dev.localhome.domain.Listener;
import dev.localhome.domain.port.DiscoveryState;
import dev.localhome.domain.port.ServiceDiscovery;
import java.io.IOException;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A plugin's discovery source, held at arm's length: what it throws is reported with the plugin's name, and what it
 * returns is cleaned (no {@code null} list, no {@code null} listeners), so one plugin's garbage can never spoil the
 * snapshot the other sources found. A source that could not even be created scans as empty.
 */
final class GuardedDiscovery implements ServiceDiscovery, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(GuardedDiscovery.class);

    private final String plugin;
    private final ServiceDiscovery source; // null: the plugin's source failed to start
    private final AtomicBoolean warned = new AtomicBoolean();

    private GuardedDiscovery(String plugin, ServiceDiscovery source) {
        this.plugin = plugin;
        this.source = source;
    }

    static GuardedDiscovery of(String plugin, ServiceDiscovery source) {
        return new GuardedDiscovery(plugin, Objects.requireNonNull(source, "source"));
    }

    /** Stands in for a source whose creation failed: scans as empty, forever. */
    static GuardedDiscovery broken(String plugin) {
        return new GuardedDiscovery(plugin, null);
    }

    @Override
    public String sourceName() {
        String fallback = plugin.substring(plugin.lastIndexOf('.') + 1);
        if (source == null) return fallback + " (broken)";
        try {
            String name = source.sourceName();
            return name == null || name.isBlank() ? fallback : name;
        } catch (RuntimeException | LinkageError e) {
            return fallback;
        }
    }

    @Override
    public List<Listener> scan() throws IOException {
        if (source == null) return List.of();
        List<Listener> found;
        List<Listener> valid;
        try {
            found = source.scan();
            if (found == null) {
                warnOnce("returned null instead of a list; ignored");
                return List.of();
            }
            valid = found.stream().filter(Objects::nonNull).toList();
        } catch (IOException e) {
            throw new IOException("plugin " + plugin + ": " + e.getMessage(), e);
        } catch (RuntimeException | LinkageError e) {
            // the registry logs this with the source's name and keeps the other sources' services
            throw new IOException("plugin " + plugin + " failed: " + e, e);
        }
        if (valid.size() < found.size())
            warnOnce("returned %d null listener(s) among %d; ignored them".formatted(found.size() - valid.size(),
                    found.size()));
        return valid;
    }

    /** The plugin's own word on its state; a plugin that cannot tell, or failed to start, is off and says so. */
    @Override
    public DiscoveryState state() {
        if (source == null) return new DiscoveryState.Off("the plugin " + plugin + " failed to start");
        try {
            DiscoveryState state = source.state();
            return state != null ? state : new DiscoveryState.Active("");
        } catch (RuntimeException | LinkageError e) {
            return new DiscoveryState.Off("the plugin " + plugin + " cannot tell: " + e);
        }
    }

    @Override
    public void whenChanged(Runnable rescan) {
        if (source == null) return;
        try {
            source.whenChanged(rescan);
        } catch (RuntimeException | LinkageError e) {
            warnOnce("failed to take a change listener: " + e);
        }
    }

    /** Closes the plugin's source when it holds something to close; what that throws is the registry's to log. */
    @Override
    public void close() throws Exception {
        if (source instanceof AutoCloseable closeable) closeable.close();
    }

    /** Once per source: a plugin that returns garbage every few seconds must not flood the log. */
    private void warnOnce(String problem) {
        if (warned.compareAndSet(false, true))
            log.warn("plugin {} (discovery source '{}') {}", plugin, sourceName(), problem);
        else log.debug("plugin {} (discovery source '{}') {}", plugin, sourceName(), problem);
    }
}
