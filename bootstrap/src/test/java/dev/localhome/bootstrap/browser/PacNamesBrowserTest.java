package dev.localhome.bootstrap.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.net.httpserver.HttpServer;
import dev.localhome.bootstrap.config.Config;
import dev.localhome.bootstrap.config.Environment;
import dev.localhome.bootstrap.daemon.Daemon;
import dev.localhome.bootstrap.e2e.BackendProcess;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.chrome.ChromeDriver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The PAC file sends localhome only what it serves, in a real Chromium: a bare name that resolves to a loopback server
 * that is no service loads that server's page (DIRECT, as without the PAC), a bare name that resolves nowhere shows
 * localhome's 404 page, and a service started after the browser fetched the PAC answers by its bare name.
 *
 * <p>Chromium resolves {@code vmhost} (and the extension test's name) by {@code --host-resolver-rules}, which the PAC's
 * {@code isResolvable} sees as well: the rules stand in for a hosts-file entry or an intranet name. Skipped without
 * Chromium and chromedriver ({@code .ci/run} installs them).
 */
class PacNamesBrowserTest {
    private static final Logger log = LoggerFactory.getLogger(PacNamesBrowserTest.class);
    private static final Duration LOAD_DEADLINE = Duration.ofSeconds(30);
    private static final Path ARTIFACTS = Path.of("target", "browser-artifacts").toAbsolutePath();
    private static final Path EXTENSION = Path.of("..", "extension").toAbsolutePath().normalize();
    private static final String NOT_A_SERVICE = "the vm's own page, served on loopback by no service";

    @TempDir
    static Path temporary;

    private static Daemon daemon;
    private static HttpServer vmhost;

    @BeforeAll
    static void startDaemonAndAServerThatIsNoService() throws Exception {
        assumeTrue(Chromium.installed(), "needs " + Chromium.BROWSER + " and " + Chromium.DRIVER
                + " (Debian: chromium chromium-driver libnss3-tools)");
        Files.createDirectories(ARTIFACTS);
        Path home = Files.createDirectories(temporary.resolve("home"));
        daemon = Daemon.start(Config.defaults().withPort(0), Environment.of(Map.of("HOME", home.toString()), temporary, home));
        vmhost = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        vmhost.createContext("/", exchange -> {
            byte[] body = ("<!doctype html><title>vm</title><p>" + NOT_A_SERVICE).getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        vmhost.start();
    }

    @AfterAll
    static void stopAll() {
        try {
            if (vmhost != null) vmhost.stop(0);
        } finally {
            if (daemon != null) daemon.close();
        }
    }

    @Test
    void aNameThatResolvesToALoopbackServerThatIsNoServiceLoadsThatServersPage() {
        ChromeDriver chromium = withPacUrl("direct", "MAP vmhost 127.0.0.1");
        try {
            String page = load(chromium, "http://vmhost:" + vmhost.getAddress().getPort() + "/");

            assertThat(page).contains(NOT_A_SERVICE);
        } finally {
            chromium.quit();
        }
    }

    @Test
    void aBareNameThatResolvesNowhereShowsLocalhomesPageOfServices() {
        String nope = BackendProcess.uniqueName("nope");
        ChromeDriver chromium = withPacUrl("nowhere", "MAP vmhost 127.0.0.1");
        try {
            String page = load(chromium, "http://" + nope + "/");

            assertThat(page).contains("No service named " + nope);
            assertThat(chromium.getTitle()).isEqualTo("No service named " + nope);
        } finally {
            chromium.quit();
        }
    }

    @Test
    void aServiceStartedAfterThePacWasFetchedAnswersByItsBareName() throws Exception {
        String name = BackendProcess.uniqueName("late");
        ChromeDriver chromium = withPacUrl("late", "MAP vmhost 127.0.0.1");
        try {
            // the browser fetches the PAC file before the service exists
            assertThat(load(chromium, "http://" + name + "/headers")).contains("No service named " + name);
            try (BackendProcess late = BackendProcess.start(name, "dev.localhome.adapters.netty.testing.TestBackend")) {
                // its name resolves nowhere, so even the PAC file fetched before it started sends it to localhome
                String page = awaitPage(chromium, "http://" + name + "/headers", "x-forwarded-host: " + name);

                assertThat(page).contains("GET /headers", "host: localhost:" + late.port());
            }
        } finally {
            chromium.quit();
        }
    }

    /**
     * The extension keeps the PAC current: a service started later whose name also resolves elsewhere (here to the
     * loopback server that is no service) goes to localhome once it runs, without restarting the browser.
     */
    @Test
    void withTheExtensionAServiceWhoseNameAlsoResolvesIsReachedOnceItStarts() throws Exception {
        String name = BackendProcess.uniqueName("vm");
        String direct = "http://" + name + ":" + vmhost.getAddress().getPort() + "/";
        ChromeDriver chromium = Chromium.start(temporary.resolve("home"), temporary.resolve("profile-extension"), ARTIFACTS,
                List.of("--load-extension=" + EXTENSION, "--disable-extensions-except=" + EXTENSION,
                        "--disable-features=DisableLoadExtensionCommandLineSwitch",
                        "--host-resolver-rules=MAP " + name + " 127.0.0.1"));
        try {
            configureExtensionPort(chromium);
            // not a service yet: its name resolves, so it goes DIRECT to the server that answers there
            assertThat(awaitPage(chromium, direct, NOT_A_SERVICE)).contains(NOT_A_SERVICE);
            try (BackendProcess late = BackendProcess.start(name, "dev.localhome.adapters.netty.testing.TestBackend")) {
                Instant started = Instant.now();
                String page = awaitPage(chromium, "http://" + name + "/headers", "x-forwarded-host: " + name);
                log.info("the extension sent {} to localhome {} ms after it started", name,
                        Duration.between(started, Instant.now()).toMillis());

                assertThat(page).contains("GET /headers", "host: localhost:" + late.port());
            }
        } finally {
            chromium.quit();
        }
    }

    /** Sets the daemon's port in the extension's storage, as its options page does. */
    private static void configureExtensionPort(ChromeDriver chromium) {
        String options = awaitExtensionOptionsPage(chromium);
        chromium.get(options);
        awaitReady(chromium);
        chromium.executeAsyncScript("const done = arguments[arguments.length - 1];"
                + "chrome.storage.local.set({port: " + daemon.port() + ", enabled: true}).then(() => done(true));");
    }

    /** The extension's options page, by its id (chrome-extension://ID/options.html), read from the service worker. */
    private static String awaitExtensionOptionsPage(ChromeDriver chromium) {
        Instant deadline = Instant.now().plus(LOAD_DEADLINE);
        while (Instant.now().isBefore(deadline)) {
            Optional<String> id = chromium.getWindowHandles().isEmpty() ? Optional.empty() : extensionId(chromium);
            if (id.isPresent()) return "chrome-extension://" + id.get() + "/options.html";
            pause();
        }
        throw new AssertionError("Chromium did not load the extension in " + EXTENSION);
    }

    @SuppressWarnings("unchecked")
    private static Optional<String> extensionId(ChromeDriver chromium) {
        Map<String, Object> targets = chromium.executeCdpCommand("Target.getTargets", Map.of());
        return ((List<Map<String, Object>>) targets.get("targetInfos")).stream()
                .map(t -> String.valueOf(t.get("url")))
                .filter(url -> url.startsWith("chrome-extension://") && url.endsWith("/background.js"))
                .map(url -> url.substring("chrome-extension://".length(), url.indexOf('/', "chrome-extension://".length())))
                .findFirst();
    }

    private static ChromeDriver withPacUrl(String profile, String resolverRules) {
        return Chromium.start(temporary.resolve("home"), temporary.resolve("profile-" + profile), ARTIFACTS,
                List.of("--proxy-pac-url=http://127.0.0.1:" + daemon.port() + "/proxy.pac",
                        "--host-resolver-rules=" + resolverRules));
    }

    /** Loads {@code url} and returns the text the page shows, error pages included. */
    private static String load(ChromeDriver chromium, String url) {
        chromium.get(url);
        awaitReady(chromium);
        return text(chromium);
    }

    /** Loads {@code url} again until its page shows {@code expected} (bounded); returns the last text seen. */
    private static String awaitPage(ChromeDriver chromium, String url, String expected) {
        Instant deadline = Instant.now().plus(LOAD_DEADLINE);
        String text = "";
        while (Instant.now().isBefore(deadline)) {
            text = load(chromium, url);
            if (text.contains(expected)) return text;
            pause();
        }
        return text;
    }

    private static void awaitReady(ChromeDriver chromium) {
        Instant deadline = Instant.now().plus(LOAD_DEADLINE);
        while (Instant.now().isBefore(deadline)) {
            try {
                if (Boolean.TRUE.equals(chromium.executeScript("return document.readyState === 'complete'"
                        + " && location.href !== 'about:blank' && document.body !== null"
                        + " && document.body.innerText.length > 0"))) return;
            } catch (WebDriverException e) {
                // still navigating
            }
            pause();
        }
    }

    private static String text(ChromeDriver chromium) {
        try {
            return String.valueOf(chromium.executeScript("return document.body ? document.body.innerText : ''"));
        } catch (WebDriverException e) {
            return "";
        }
    }

    private static void pause() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
