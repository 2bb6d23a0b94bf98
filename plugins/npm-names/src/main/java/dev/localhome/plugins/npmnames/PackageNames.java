package dev.localhome.plugins.npmnames;

import dev.localhome.domain.ServiceName;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;

/**
 * Turns what a process carries into a service name: {@code npm_package_name} from its environment, or the name of its
 * working directory. Package names are freer than service names ({@code @acme/My.Shop}), so the scope is dropped and
 * anything but letters, digits, {@code -} and {@code _} becomes {@code -}.
 */
final class PackageNames {
    static final String PACKAGE_VARIABLE = "npm_package_name";
    static final String NAME_VARIABLE = "NAME";

    private PackageNames() {}

    /** What an environment block says, read without keeping (or ever logging) any other variable. */
    record Found(boolean hasName, Optional<String> packageName) {}

    /** Scans a {@code /proc/<pid>/environ} block ({@code KEY=value} entries separated by NUL bytes). */
    static Found inEnvironment(byte[] environ) {
        boolean hasName = false;
        String packageName = null;
        int start = 0;
        for (int i = 0; i <= environ.length; i++) {
            if (i < environ.length && environ[i] != 0) continue;
            if (startsWith(environ, start, i, NAME_VARIABLE + "=") && i > start + NAME_VARIABLE.length() + 1)
                hasName = true;
            else if (startsWith(environ, start, i, PACKAGE_VARIABLE + "="))
                packageName = new String(environ, start + PACKAGE_VARIABLE.length() + 1,
                        i - start - PACKAGE_VARIABLE.length() - 1, StandardCharsets.UTF_8);
            start = i + 1;
        }
        return new Found(hasName, Optional.ofNullable(packageName).filter(name -> !name.isBlank()));
    }

    /** {@code @acme/My Shop} → {@code my-shop}; empty when nothing usable is left. */
    static Optional<ServiceName> serviceName(String raw) {
        String name = raw.strip();
        int slash = name.lastIndexOf('/');
        if (name.startsWith("@") && slash > 0) name = name.substring(slash + 1);
        name = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_-]+", "-").replaceAll("^-+|-+$", "");
        return name.isEmpty() ? Optional.empty() : ServiceName.parse(name);
    }

    private static boolean startsWith(byte[] bytes, int from, int to, String prefix) {
        if (to - from < prefix.length()) return false;
        for (int i = 0; i < prefix.length(); i++) if (bytes[from + i] != prefix.charAt(i)) return false;
        return true;
    }
}
