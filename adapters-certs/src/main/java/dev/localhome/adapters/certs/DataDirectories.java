package dev.localhome.adapters.certs;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Where mkcert and localhome keep their CA on this platform, from the environment alone (tests pass their own). */
final class DataDirectories {
    private final Map<String, String> env;
    private final String osName;

    DataDirectories(Map<String, String> env, String osName) {
        this.env = env;
        this.osName = osName.toLowerCase(Locale.ROOT);
    }

    /** {@code $XDG_DATA_HOME/localhome}, else {@code ~/.local/share/localhome}, on every platform. */
    Path ownCa() {
        return xdgDataHome().resolve("localhome");
    }

    /** mkcert's own rule: {@code $CAROOT} if set, else the platform's data directory. */
    List<Path> mkcert() {
        List<Path> directories = new ArrayList<>();
        absolute("CAROOT").ifPresent(directories::add);
        if (osName.contains("mac")) {
            directories.add(home().resolve("Library").resolve("Application Support").resolve("mkcert"));
        } else if (osName.contains("win")) {
            absolute("LOCALAPPDATA").ifPresent(local -> directories.add(local.resolve("mkcert")));
        } else {
            directories.add(xdgDataHome().resolve("mkcert"));
        }
        return directories;
    }

    private Path xdgDataHome() {
        // the XDG spec says to ignore a relative XDG_DATA_HOME
        return absolute("XDG_DATA_HOME").orElseGet(() -> home().resolve(".local").resolve("share"));
    }

    private Path home() {
        return absolute("HOME").orElseGet(() -> Path.of(System.getProperty("user.home")));
    }

    private Optional<Path> absolute(String variable) {
        String value = env.get(variable);
        if (value == null || value.isBlank()) return Optional.empty();
        Path path = Path.of(value);
        return path.isAbsolute() ? Optional.of(path) : Optional.empty();
    }
}
