package dev.localhome.bootstrap.wiring;

import java.util.AbstractMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The config's {@code plugins} object as plugins see it ({@code @Named("pluginConfig") Map<String, Object>}), read-only,
 * remembering which plugins' entries were read. An entry no plugin read names a plugin that is not on the class path
 * (or misspelt): the daemon warns about it by name rather than ignoring it silently.
 */
public final class PluginSettings extends AbstractMap<String, Object> {
    private final Map<String, Object> settings;
    private final Set<String> read = ConcurrentHashMap.newKeySet();

    PluginSettings(Map<String, Object> settings) {
        this.settings = Map.copyOf(settings);
    }

    @Override
    public Object get(Object key) {
        if (key instanceof String name) read.add(name);
        return settings.get(key);
    }

    @Override
    public boolean containsKey(Object key) {
        if (key instanceof String name) read.add(name);
        return settings.containsKey(key);
    }

    @Override
    public Set<Entry<String, Object>> entrySet() {
        return settings.entrySet();
    }

    /** The plugin names the config has settings for that no plugin has read (so far), sorted. */
    public Set<String> unread() {
        Set<String> unread = new TreeSet<>(settings.keySet());
        unread.removeAll(read);
        return unread;
    }
}
