package dev.localhome.bootstrap.config;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/**
 * Which build this is: the version, the commit and when it was built, from {@code build.properties}, which Maven
 * fills in (bootstrap's pom: resource filtering, and the buildnumber plugin reading the local git). Shown by
 * {@code --version}, {@code localhome status} and {@code /api/status}; "dev" when run from classes no build
 * filtered (an IDE).
 *
 * @param version {@code 0.1.0-SNAPSHOT}
 * @param commit the commit's short hash, or "unknown" when it was built outside a git clone
 * @param time when it was built, ISO 8601 in UTC
 */
public record BuildInfo(String version, String commit, String time) {
    private static final String RESOURCE = "/dev/localhome/bootstrap/build.properties";
    private static final BuildInfo CURRENT = read();

    /** This build. */
    public static BuildInfo current() {
        return CURRENT;
    }

    /** {@code 0.1.0-SNAPSHOT (commit 1b248e1c0b7e, built 2026-12-07T19:57:00Z)}, or "dev". */
    public String describe() {
        if (commit.isEmpty() && time.isEmpty()) return version;
        return "%s (commit %s, built %s)".formatted(version, commit, time);
    }

    private static BuildInfo read() {
        Properties properties = new Properties();
        try (InputStream in = BuildInfo.class.getResourceAsStream(RESOURCE)) {
            if (in != null) properties.load(in);
        } catch (IOException e) {
            // an unreadable resource in our own jar: say "dev" rather than fail a --version
        }
        String version = filled(properties.getProperty("version"));
        if (version.isEmpty()) return new BuildInfo("dev", "", "");
        return new BuildInfo(version, filled(properties.getProperty("commit")), filled(properties.getProperty("time")));
    }

    /** A value Maven did not fill in is left as {@code ${...}}: treat it as absent. */
    private static String filled(String value) {
        return value == null || value.contains("${") ? "" : value.strip();
    }
}
