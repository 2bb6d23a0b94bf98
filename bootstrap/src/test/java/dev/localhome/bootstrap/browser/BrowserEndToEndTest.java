package dev.localhome.bootstrap.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.localhome.adapters.certs.CertificateAuthorities;
import dev.localhome.bootstrap.e2e.BackendProcess;
import dev.localhome.bootstrap.config.Config;
import dev.localhome.bootstrap.config.Environment;
import dev.localhome.bootstrap.daemon.Daemon;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WindowType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.slf4j.LoggerFactory;

/**
 * What a browser sees: a real Chromium loads a real page through localhome, with its proxy settings from the PAC
 * file and the test CA trusted in its NSS database, as a user would set it up. The page (test resources'
 * {@code browser/index.html}, served by {@link BrowserSiteBackend} in a child process started with
 * {@code NAME=site-<random>}) loads 120 subresources, uploads 2 MB and exchanges 50 WebSocket messages, and counts its
 * own successes and failures.
 *
 * <p>Skipped when Chromium, chromedriver or certutil is missing; {@code .ci/run} installs them, so CI runs it.
 * Screenshots and {@code results.txt} go to {@code target/browser-artifacts/}. {@code LOCALHOME_LOG_LEVEL=DEBUG}
 * shows the daemon's log per connection (in the surefire report's {@code -output.txt}).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BrowserEndToEndTest {
    /** Bounds one page load on a busy 2-core machine; a load normally takes a second or two. */
    private static final Duration LOAD_DEADLINE = Duration.ofSeconds(45);
    private static final Path ARTIFACTS = Path.of("target", "browser-artifacts").toAbsolutePath();

    @TempDir
    static Path temporary;


    private static Daemon daemon;
    private static BackendProcess site;
    private static ChromeDriver driver;

    @BeforeAll
    static void startDaemonSiteAndBrowser() throws Exception {
        assumeTrue(Chromium.installed(), "needs " + Chromium.BROWSER + ", " + Chromium.DRIVER + " and "
                + Chromium.CERTUTIL + " (Debian: chromium chromium-driver libnss3-tools)");
        Files.createDirectories(ARTIFACTS);
        Files.deleteIfExists(ARTIFACTS.resolve("results.txt"));
        System.getenv().entrySet().stream().filter(e -> e.getKey().equals("LOCALHOME_LOG_LEVEL")).findFirst()
                .ifPresent(e -> ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger("dev.localhome"))
                        .setLevel(ch.qos.logback.classic.Level.toLevel(e.getValue())));
        Path ca = temporary.resolve("ca");
        Path home = Files.createDirectories(temporary.resolve("home"));
        CertificateAuthorities.init(ca);
        Chromium.trust(home, ca.resolve("rootCA.pem"));
        daemon = Daemon.start(Config.defaults().withPort(0).withMkcertCaRoot(ca),
                Environment.of(Map.of("HOME", home.toString()), temporary, home));
        site = BackendProcess.start(BackendProcess.uniqueName("site"), BrowserSiteBackend.class.getName());
        driver = Chromium.start(home, temporary.resolve("profile"), daemon.port(), ARTIFACTS);
        record("daemon on port " + daemon.port() + ", site NAME=" + site.name() + ", " + driver.getCapabilities()
                .getBrowserName() + " " + driver.getCapabilities().getBrowserVersion());
    }

    @AfterAll
    static void stopAll() {
        try {
            if (driver != null) driver.quit();
        } finally {
            try {
                if (site != null) site.close();
            } finally {
                if (daemon != null) daemon.close();
            }
        }
    }

    @Test
    @Order(1)
    void httpsNameLoadsThePageAndItsWebSocketWithATrustedCertificate() throws IOException {
        navigate("https://" + site.name() + "/");

        PageResults results = awaitResults("https://" + site.name() + "/");

        // the page's own results exist: no certificate interstitial stood in the way
        assertThat(results.protocol()).isEqualTo("https:");
        assertEverythingArrived(results, "https://" + site.name() + "/");
        screenshot("test-page-https.png");
    }

    @Test
    @Order(2)
    void httpNameRedirectsToHttpsAndLoadsEverything() {
        navigate("http://" + site.name() + "/");

        PageResults results = awaitResults("http://" + site.name() + "/");

        assertThat(driver.getCurrentUrl()).startsWith("https://" + site.name() + "/");
        assertEverythingArrived(results, "http://" + site.name() + "/ (redirected)");
    }

    @Test
    @Order(3)
    void tenHardReloadsEachLoadEverything() {
        String url = "https://" + site.name() + "/";
        navigate(url);
        awaitResults(url);
        List<String> bad = new ArrayList<>();
        for (int reload = 1; reload <= 10; reload++) {
            markStale();
            // a hard reload, as Ctrl+Shift+R: the cache is bypassed for the page and every subresource
            driver.executeCdpCommand("Page.reload", Map.of("ignoreCache", true));
            PageResults results = awaitResults("hard reload " + reload);
            if (!results.allGood() || !results.allOverH2()) bad.add("reload " + reload + ": " + results.summary());
        }
        assertThat(bad).as("hard reloads that lost something").isEmpty();
    }

    @Test
    @Order(4)
    void fourTabsAtOnceEachLoadEverything() {
        String url = "https://" + site.name() + "/";
        String first = driver.getWindowHandle();
        List<String> tabs = new ArrayList<>(List.of(first));
        for (int i = 1; i < 4; i++) tabs.add(driver.switchTo().newWindow(WindowType.TAB).getWindowHandle());
        // the page load strategy is NONE: each get returns at once, and the four pages load at the same time
        for (String tab : tabs) {
            driver.switchTo().window(tab);
            navigate(url);
        }
        List<String> bad = new ArrayList<>();
        for (int i = 0; i < tabs.size(); i++) {
            driver.switchTo().window(tabs.get(i));
            PageResults results = awaitResults("tab " + (i + 1) + " of 4");
            if (!results.allGood() || !results.allOverH2()) bad.add("tab " + (i + 1) + ": " + results.summary());
        }
        for (String tab : tabs.subList(1, tabs.size())) driver.switchTo().window(tab).close();
        driver.switchTo().window(first);
        assertThat(bad).as("tabs that lost something").isEmpty();
    }

    @Test
    @Order(5)
    void dashboardListsTheSiteAtLocalhostAndAtHttpsHome() throws IOException {
        navigate("http://localhost:" + daemon.port() + "/");
        awaitDocument("the dashboard at localhost");
        screenshot("dashboard-localhost.png");
        assertThat(driver.getPageSource()).as("the dashboard at http://localhost:<port>/").contains(site.name());

        navigate("https://home/");
        awaitDocument("the dashboard at https://home/");
        screenshot("dashboard-https-home.png");
        assertThat(driver.getCurrentUrl()).startsWith("https://home/");
        assertThat(driver.getPageSource()).as("the dashboard at https://home/ (an interstitial would not name the site)")
                .contains(site.name());
    }

    @Test
    @Order(6)
    void aServiceThatStartsOrStopsAppearsOrGoesWithoutAReload() throws IOException {
        navigate("http://localhost:" + daemon.port() + "/");
        awaitDocument("the dashboard at localhost");
        driver.executeScript("window.localhomeSamePage = true"); // gone if the page reloads
        String name = BackendProcess.uniqueName("late");
        String row = "document.querySelector('tr[data-service=\"" + name + "\"]') !== null";
        try (BackendProcess late = BackendProcess.start(name, "dev.localhome.adapters.netty.testing.TestBackend")) {
            record("dashboard showed " + name + " after " + secondsUntil(row) + " s");
            screenshot("dashboard-live.png");
        }
        record("dashboard dropped " + name + " after " + secondsUntil("!(" + row + ")") + " s");
        assertThat(driver.executeScript("return window.localhomeSamePage === true")).as("the page was not reloaded").isEqualTo(true);
    }

    /** Polls a condition in the page, bounded by the load deadline; the seconds it took, for the record. */
    private static double secondsUntil(String condition) {
        Instant start = Instant.now();
        Instant deadline = start.plus(LOAD_DEADLINE);
        while (Instant.now().isBefore(deadline)) {
            if (Boolean.TRUE.equals(driver.executeScript("return " + condition))) {
                return Duration.between(start, Instant.now()).toMillis() / 1000.0;
            }
            pause();
        }
        return fail("the dashboard did not reach '%s' within %s without a reload; %s", condition, LOAD_DEADLINE,
                describeCurrentPage());
    }

    private static void assertEverythingArrived(PageResults results, String what) {
        assertThat(results.failures()).as(what + ": failed subresources").isEmpty();
        assertThat(results.failed()).as(what + ": failed subresources").isZero();
        assertThat(results.loaded()).as(what + ": loaded subresources").isEqualTo(PageResults.SUBRESOURCES);
        assertThat(results.fetchOk()).as(what + ": 2 MB upload echoed its size, got " + results.fetchAnswer()).isTrue();
        assertThat(results.wsErrors()).as(what + ": WebSocket errors").isEmpty();
        assertThat(results.wsReceived()).as(what + ": WebSocket messages echoed").isEqualTo(PageResults.MESSAGES);
        assertThat(results.protocols().keySet()).as(what + ": nextHopProtocol of the page and its subresources")
                .containsExactly("h2");
    }

    /** Starts loading {@code url} in the current tab; what the tab showed before is marked stale. */
    private static void navigate(String url) {
        markStale();
        driver.get(url);
    }

    /** Marks the current document, so that waiting for the next one never reads this one's results. */
    private static void markStale() {
        try {
            driver.executeScript("window.localhomeStale = true");
        } catch (WebDriverException e) {
            // a tab still on about:blank or mid-navigation: there is nothing to mistake for the next page
        }
    }

    /** Waits, within {@link #LOAD_DEADLINE}, until the new page has counted everything, and records its results. */
    @SuppressWarnings("unchecked")
    private static PageResults awaitResults(String what) {
        Instant deadline = Instant.now().plus(LOAD_DEADLINE);
        Object last = null;
        while (Instant.now().isBefore(deadline)) {
            try {
                last = driver.executeScript("return window.localhomeStale ? null : (window.localhomeResults || null)");
                if (last instanceof Map<?, ?> map && Boolean.TRUE.equals(map.get("done"))) {
                    PageResults results = PageResults.from((Map<String, Object>) map);
                    record(what + ": " + results.summary());
                    return results;
                }
            } catch (WebDriverException e) {
                // the navigation is still committing: there is no document to ask yet
            }
            pause();
        }
        String seen = describeCurrentPage();
        screenshot(what.replaceAll("[^A-Za-z0-9]+", "-") + "-timeout.png");
        record(what + ": TIMEOUT, page results so far " + last + "; " + seen);
        return fail("%s: the page did not finish within %s; its results so far: %s; %s", what, LOAD_DEADLINE, last, seen);
    }

    /** Waits until a page that is not the test site (the dashboard) has loaded. */
    private static void awaitDocument(String what) {
        Instant deadline = Instant.now().plus(LOAD_DEADLINE);
        while (Instant.now().isBefore(deadline)) {
            try {
                if (Boolean.TRUE.equals(driver.executeScript("return !window.localhomeStale"
                        + " && document.readyState === 'complete' && location.href !== 'about:blank'"))) return;
            } catch (WebDriverException e) {
                // still navigating
            }
            pause();
        }
        fail("%s did not load within %s; %s", what, LOAD_DEADLINE, describeCurrentPage());
    }

    /** Where the tab is and what it says: a certificate or connection error page explains itself here. */
    private static String describeCurrentPage() {
        try {
            Object text = driver.executeScript("return document.body ? document.body.innerText.slice(0, 400) : ''");
            return "tab at " + driver.getCurrentUrl() + ", titled '" + driver.getTitle() + "', showing: " + text;
        } catch (WebDriverException e) {
            return "the tab does not answer: " + e.getMessage().lines().findFirst().orElse("");
        }
    }

    private static void screenshot(String fileName) {
        try {
            Path shot = driver.getScreenshotAs(OutputType.FILE).toPath();
            Files.copy(shot, ARTIFACTS.resolve(fileName), StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException | WebDriverException e) {
            record("screenshot " + fileName + " failed: " + e);
        }
    }

    /** Prints a line to the test's output and appends it to {@code target/browser-artifacts/results.txt}. */
    private static void record(String line) {
        System.out.println("[browser] " + line);
        try {
            Files.writeString(ARTIFACTS.resolve("results.txt"), Instant.now() + " " + line + "\n",
                    StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            System.out.println("[browser] cannot write results.txt: " + e);
        }
    }

    private static void pause() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the browser", e);
        }
    }
}
