package dev.localhome.bootstrap.config;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What localhome reads from the machine it runs on: environment variables, the working directory and the home
 * directory. Passed around instead of read from {@link System} so tests do not depend on the machine running them.
 */
public record Environment(Map<String, String> variables, Path workingDirectory, Path home) {
    public Environment {
        variables = Map.copyOf(Objects.requireNonNull(variables, "variables"));
        workingDirectory = workingDirectory.toAbsolutePath();
        home = home.toAbsolutePath();
    }

    /**
     * This process's environment. The home is {@code $HOME} when it is set to an absolute path, as every Unix tool
     * reads it ({@code HOME=/tmp/x localhome ca trust} must not reach the real home); the JVM's {@code user.home},
     * which comes from the password database, only when it is not.
     */
    public static Environment current() {
        Map<String, String> variables = System.getenv();
        return new Environment(variables, Path.of(""), homeOf(variables, System.getProperty("user.home")));
    }

    static Path homeOf(Map<String, String> variables, String userHome) {
        String home = variables.get("HOME");
        return home != null && !home.isBlank() && Path.of(home).isAbsolute() ? Path.of(home) : Path.of(userHome);
    }

    /** Like {@link #current()}, but with other variables, e.g. a temporary {@code HOME} in a test. */
    public static Environment of(Map<String, String> variables, Path workingDirectory, Path home) {
        return new Environment(variables, workingDirectory, home);
    }

    /** A set, non-blank variable; empty values count as unset, as {@code PORT= localhome} means "no PORT". */
    public Optional<String> variable(String name) {
        String value = variables.get(name);
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.strip());
    }

    /**
     * The variables as the adapters read them, with {@code HOME} always set to {@link #home()}: adapters that fall
     * back to the JVM's {@code user.home} would otherwise escape a test's temporary home.
     */
    public Map<String, String> variablesWithHome() {
        Map<String, String> withHome = new HashMap<>(variables);
        withHome.put("HOME", home.toString());
        return Map.copyOf(withHome);
    }
}
