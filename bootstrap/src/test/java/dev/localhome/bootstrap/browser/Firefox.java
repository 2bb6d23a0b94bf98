package dev.localhome.bootstrap.browser;

import dev.localhome.adapters.netty.testing.SystemTools;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * The system's Firefox ({@code firefox-esr}, which {@code .ci/run} installs), run headless without WebDriver: Debian
 * ships no geckodriver, and none can be downloaded. A test writes the profile's {@code user.js}, opens one URL in a
 * browser process of its own, watches what reaches its servers, and ends the process (and its content processes) by
 * PID. Nothing is read back from the browser: the assertions are on the server side.
 */
final class Firefox implements AutoCloseable {
    static final Path BROWSER = Path.of("/usr/bin/firefox-esr");
    static final Path CERTUTIL = Path.of("/usr/bin/certutil");

    /**
     * Preferences that keep Firefox on loopback (the test machine has no network: no update, telemetry, safe-browsing,
     * captive-portal, DNS-over-HTTPS or prefetch request may leave it) and quiet (no default-browser or first-run
     * pages).
     */
    private static final Map<String, Object> QUIET = quiet();

    private final Process process;

    private Firefox(Process process) {
        this.process = process;
    }

    /** Goes on when Firefox and certutil are installed; skips naming the packages (fails on CI). */
    static void require() {
        SystemTools.require(BROWSER.toString(), "firefox-esr");
        SystemTools.require(CERTUTIL.toString(), "libnss3-tools");
    }

    /** A fresh profile in {@code directory} with {@link #QUIET} and {@code prefs} (which win) in its {@code user.js}. */
    static Path profile(Path directory, Map<String, Object> prefs) throws IOException {
        Files.createDirectories(directory);
        Map<String, Object> all = new LinkedHashMap<>(QUIET);
        all.putAll(prefs);
        String userJs = all.entrySet().stream()
                .map(e -> "user_pref(\"" + e.getKey() + "\", " + literal(e.getValue()) + ");")
                .collect(Collectors.joining("\n", "", "\n"));
        Files.writeString(directory.resolve("user.js"), userJs);
        return directory;
    }

    /** Trusts {@code rootPem} as a CA for TLS servers ({@code -t C,,}) in the profile's own NSS database. */
    static void trust(Path profile, Path rootPem) throws IOException, InterruptedException {
        String database = "sql:" + profile;
        run(CERTUTIL.toString(), "-N", "-d", database, "--empty-password");
        run(CERTUTIL.toString(), "-A", "-d", database, "-t", "C,,", "-n", "localhome-test", "-i", rootPem.toString());
    }

    /**
     * A headless Firefox on {@code profile} that opens {@code url} and stays until {@link #close()}; {@code HOME} is
     * {@code home}, its output goes to {@code log}.
     */
    static Firefox open(Path profile, Path home, String url, Path log) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(BROWSER.toString(), "--headless", "--no-remote", "--profile",
                profile.toString(), "--window-size", "1000,800", url)
                .redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("HOME", home.toString());
        builder.environment().put("MOZ_HEADLESS", "1");
        return new Firefox(builder.start());
    }

    /**
     * Loads {@code url} once in a headless Firefox on {@code profile} and saves what it showed in {@code png}, for a
     * human to look at (no test reads pixels). Bounded: a Firefox that does not finish is ended.
     */
    static void screenshot(Path profile, Path home, String url, Path png) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(BROWSER.toString(), "--headless", "--no-remote", "--profile",
                profile.toString(), "--screenshot", png.toString(), "--window-size", "1000,800", url)
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD);
        builder.environment().put("HOME", home.toString());
        builder.environment().put("MOZ_HEADLESS", "1");
        try (Firefox firefox = new Firefox(builder.start())) {
            firefox.process.waitFor(60, TimeUnit.SECONDS);
        }
    }

    /** Ends the browser and its content processes, by their PIDs. */
    @Override
    public void close() {
        List<ProcessHandle> all = new ArrayList<>(process.descendants().toList());
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        all.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
    }

    private static Map<String, Object> quiet() {
        Map<String, Object> prefs = new LinkedHashMap<>();
        prefs.put("browser.shell.checkDefaultBrowser", false);
        prefs.put("browser.startup.homepage_override.mstone", "ignore");
        prefs.put("browser.aboutwelcome.enabled", false);
        prefs.put("app.update.enabled", false);
        prefs.put("app.normandy.enabled", false);
        prefs.put("extensions.update.enabled", false);
        prefs.put("extensions.getAddons.cache.enabled", false);
        prefs.put("datareporting.policy.dataSubmissionEnabled", false);
        prefs.put("datareporting.healthreport.uploadEnabled", false);
        prefs.put("toolkit.telemetry.enabled", false);
        prefs.put("browser.safebrowsing.malware.enabled", false);
        prefs.put("browser.safebrowsing.phishing.enabled", false);
        prefs.put("browser.safebrowsing.downloads.enabled", false);
        prefs.put("browser.safebrowsing.provider.mozilla.updateURL", "");
        prefs.put("services.settings.server", "http://127.0.0.1:1/");
        prefs.put("browser.newtabpage.enabled", false);
        prefs.put("browser.newtabpage.activity-stream.feeds.topsites", false);
        prefs.put("network.captive-portal-service.enabled", false);
        prefs.put("network.connectivity-service.enabled", false);
        // Names resolve only in Firefox itself: network.dns.localDomains and *.localhost go to loopback; every other
        // lookup goes to a DNS-over-HTTPS server on a loopback port where nothing listens, and fails at once (mode 3:
        // that server only, no system resolver), so not even a DNS query leaves the machine.
        prefs.put("network.trr.mode", 3);
        prefs.put("network.trr.uri", "https://127.0.0.1:9/dns-query");
        prefs.put("network.trr.custom_uri", "https://127.0.0.1:9/dns-query");
        prefs.put("network.dns.disablePrefetch", true);
        prefs.put("network.prefetch-next", false);
        prefs.put("network.http.speculative-parallel-limit", 0);
        prefs.put("browser.search.update", false);
        return java.util.Collections.unmodifiableMap(prefs);
    }

    private static String literal(Object value) {
        return value instanceof String s ? "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"" : value.toString();
    }

    private static void run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0)
            throw new IOException(String.join(" ", command) + " failed: " + output);
    }
}
