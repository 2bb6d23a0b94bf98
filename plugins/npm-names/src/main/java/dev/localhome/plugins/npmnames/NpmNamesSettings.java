package dev.localhome.plugins.npmnames;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * {@code "plugins": {"npm-names": {...}}} in the config file.
 *
 * @param enabled names anything at all; off unless the user turns it on
 * @param fromDirectory name a process without {@code npm_package_name} after its working directory
 * @param directoriesUnder only working directories below this one count (default: the user's home), so system
 *                         daemons listening on loopback (a database in {@code /var/lib/...}) are not named "main"
 */
record NpmNamesSettings(boolean enabled, boolean fromDirectory, Path directoriesUnder) {
    static final List<String> KEYS = List.of("enabled", "fromDirectory", "directoriesUnder");

    NpmNamesSettings {
        Objects.requireNonNull(directoriesUnder, "directoriesUnder");
    }

    static NpmNamesSettings off() {
        return new NpmNamesSettings(false, false, home());
    }

    /**
     * The settings from the plugin's object in the config; none means off.
     *
     * @throws IllegalArgumentException naming the key, when a setting is unknown or of the wrong type: localhome
     *                                  reports it with the plugin's name and runs without this plugin
     */
    static NpmNamesSettings from(Object settings) {
        if (settings == null) return off();
        if (!(settings instanceof Map<?, ?> map))
            throw new IllegalArgumentException("plugins." + NpmNamesPlugin.NAME + ": expected an object, got " + settings);
        for (Object key : map.keySet())
            if (!KEYS.contains(String.valueOf(key)))
                throw new IllegalArgumentException("plugins.%s: unknown key '%s' (known keys: %s)"
                        .formatted(NpmNamesPlugin.NAME, key, String.join(", ", KEYS)));
        Object under = map.get("directoriesUnder");
        if (under != null && !(under instanceof String))
            throw wrong("directoriesUnder", "a directory path", under);
        return new NpmNamesSettings(flag(map, "enabled", false), flag(map, "fromDirectory", true),
                under == null ? home() : Path.of((String) under).toAbsolutePath().normalize());
    }

    private static boolean flag(Map<?, ?> map, String key, boolean absent) {
        Object value = map.get(key);
        if (value == null) return absent;
        if (value instanceof Boolean flag) return flag;
        throw wrong(key, "true or false", value);
    }

    private static IllegalArgumentException wrong(String key, String expectation, Object got) {
        return new IllegalArgumentException("plugins.%s.%s: expected %s, got %s"
                .formatted(NpmNamesPlugin.NAME, key, expectation, got));
    }

    private static Path home() {
        return Path.of(System.getProperty("user.home")).toAbsolutePath().normalize();
    }
}
