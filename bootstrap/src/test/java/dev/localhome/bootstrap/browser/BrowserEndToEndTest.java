package dev.localhome.bootstrap.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.localhome.adapters.certs.CertificateAuthorities;
import dev.localhome.bootstrap.e2e.BackendProcess;
import dev.localhome.bootstrap.config.Config;
import dev.localhome.bootstrap.config.Environment;
import dev.localhome.bootstrap.daemon.Daemon;
import dev.localhome.domain.testing.Await;
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
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WindowType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.slf4j.LoggerFactory;

/**
 * What a browser sees: a real Chromium loads a real page through localhome, with its proxy settings from the PAC
 * file and the test CA trusted in its NSS database, as a user would set it up. The page (test resources'
 * {@code browser/index.html}, served by {@link BrowserSiteBackend} in a child process started with
 * {@code NAME=site-<random>}) loads 120 subresources, uploads 2 MB and exchanges 50 WebSocket messages, and counts its
 * own successes and failures.
 *
 * <p>A second child, {@link GreetingSocketBackend} ({@code NAME=greet-<random>}), serves {@code browser/greeting.html},
 * whose socket speaks first: its greeting arrives in the same segment as its {@code 101}, as HMR sockets' do.
 *
 * <p>Skipped when Chromium, chromedriver or certutil is missing; {@code .ci/run} installs them, so CI runs it.
 * Screenshots and {@code results.txt} go to {@code target/browser-artifacts/}. {@code LOCALHOME_LOG_LEVEL=DEBUG}
 * shows the daemon's log per connection (in the surefire report's {@code -output.txt}).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BrowserEndToEndTest {
    /** Bounds one page load on a busy 2-core machine; a load normally takes a second or two. */
    private static final Duration LOAD_DEADLINE = Duration.ofSeconds(45);
    /** Reloads of the server-first page per tab, after its first load. */
    private static final int GREETING_RELOADS = 10;
    private static final Path ARTIFACTS = Path.of("target", "browser-artifacts").toAbsolutePath();

    @TempDir
    static Path temporary;


    private static Daemon daemon;
    private static BackendProcess site;
    private static BackendProcess greeter;
    private static ChromeDriver driver;

    @BeforeAll
    static void startDaemonSiteAndBrowser() throws Exception {
        Chromium.require();
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
        greeter = BackendProcess.start(BackendProcess.uniqueName("greet"), GreetingSocketBackend.class.getName());
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
                try {
                    if (greeter != null) greeter.close();
                } finally {
                    if (daemon != null) daemon.close();
                }
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
    void aServiceThatStartsAppearsAndWhenItStopsShowsAsStoppedWithoutAReload() throws IOException {
        navigate("http://localhost:" + daemon.port() + "/");
        awaitDocument("the dashboard at localhost");
        driver.executeScript("window.localhomeSamePage = true"); // gone if the page reloads
        String name = BackendProcess.uniqueName("late");
        String row = "document.querySelector('tr[data-service=\"" + name + "\"]') !== null";
        try (BackendProcess late = BackendProcess.start(name, "dev.localhome.adapters.netty.testing.TestBackend")) {
            record("dashboard showed " + name + " after " + secondsUntil(row) + " s");
            screenshot("dashboard-live.png");
        }
        // a stopped service stays listed, greyed, as stopped
        String stopped = "document.querySelector('tr[data-service=\"" + name + "\"][data-state=\"stopped\"]') !== null";
        record("dashboard showed " + name + " as stopped after " + secondsUntil(stopped) + " s");
        assertThat(driver.executeScript("return window.localhomeSamePage === true")).as("the page was not reloaded").isEqualTo(true);
    }

    @Test
    @Order(7)
    void aServerFirstSocketConnectsWhenTheBrowserTalksToItsServerDirectly() {
        // the control: no localhome on the way (the PAC file sends literal addresses DIRECT), so when the tests
        // below fail and this one passes, what lost the greeting was the proxy, not the page or its server
        navigate("http://127.0.0.1:" + greeter.port() + "/");

        GreetingResults results = awaitGreeting();

        record("direct: " + results.summary());
        assertThat(results.connected()).as(results.summary()).isTrue();
    }

    @Test
    @Order(8)
    void aServerFirstSocketAtHttpsNameConnectsOnEveryReloadInFourTabs() {
        // wss://<name>/ws: CONNECT <name>:443, intercepted TLS, the upgrade over HTTP/1.1 inside
        String url = "https://" + greeter.name() + "/";
        List<String> failed = greetingLoadsInFourTabs(url, () -> driver.navigate().refresh());
        assertThat(failed).as("loads of %s whose first server frame or close code was lost", url).isEmpty();
    }

    @Test
    @Order(9)
    void aServerFirstSocketAtHttpNameConnectsOnEveryLoadInFourTabs() {
        // with a CA, http://<name>/ is a 302 to https://<name>/ (the contract), so each load goes to the http URL again
        String url = "http://" + greeter.name() + "/";
        List<String> failed = greetingLoadsInFourTabs(url, () -> driver.get(url));
        assertThat(failed).as("loads of %s whose first server frame or close code was lost", url).isEmpty();
    }

    @Test
    @Order(10)
    void aServerFirstSocketConnectsByHostAndThroughAPlainConnectInEachTab() {
        String byHost = "http://" + greeter.name() + ".localhost:" + daemon.port() + "/";
        // the same page, its socket at ws://<name>/ws: the PAC file sends it to the proxy, Chromium tunnels it with
        // CONNECT <name>:80 (the one way a browser reaches that path: an http://<name>/ page is redirected to https)
        String throughConnect = byHost + "?ws=ws://" + greeter.name() + "/ws";
        List<String> failed = new ArrayList<>();
        for (String url : List.of(byHost, throughConnect)) {
            List<String> tabs = openTabs(4);
            for (String tab : tabs) {
                driver.switchTo().window(tab);
                navigate(url);
            }
            failed.addAll(collectGreetings(tabs, "once"));
            closeAllTabsButTheFirst(tabs);
        }
        assertThat(failed).as("loads whose first server frame or close code was lost").isEmpty();
    }

    /**
     * Loads {@code url} in four tabs at once, then {@link #GREETING_RELOADS} more times in each with {@code again};
     * every load's socket must get the greeting, its echo and a normal close. Answers the loads that did not, having
     * recorded every load and a total.
     */
    private static List<String> greetingLoadsInFourTabs(String url, Runnable again) {
        List<String> tabs = openTabs(4);
        for (String tab : tabs) {
            driver.switchTo().window(tab);
            navigate(url);
        }
        List<String> failed = new ArrayList<>(collectGreetings(tabs, "load 1"));
        for (int load = 2; load <= GREETING_RELOADS + 1; load++) {
            for (String tab : tabs) {
                driver.switchTo().window(tab);
                markStale();
                again.run();
            }
            failed.addAll(collectGreetings(tabs, "load " + load));
        }
        closeAllTabsButTheFirst(tabs);
        record(url + ": " + failed.size() + " of " + tabs.size() * (GREETING_RELOADS + 1) + " loads lost the greeting");
        return failed;
    }

    /** The current tab and {@code count - 1} new ones, all in this window. */
    private static List<String> openTabs(int count) {
        List<String> tabs = new ArrayList<>(List.of(driver.getWindowHandle()));
        for (int i = 1; i < count; i++) tabs.add(driver.switchTo().newWindow(WindowType.TAB).getWindowHandle());
        return tabs;
    }

    private static void closeAllTabsButTheFirst(List<String> tabs) {
        for (String tab : tabs.subList(1, tabs.size())) driver.switchTo().window(tab).close();
        driver.switchTo().window(tabs.get(0));
    }

    /** Waits for each tab's page to finish with its socket; the descriptions of those that failed. */
    private static List<String> collectGreetings(List<String> tabs, String which) {
        List<String> failed = new ArrayList<>();
        for (int i = 0; i < tabs.size(); i++) {
            driver.switchTo().window(tabs.get(i));
            String what = "tab " + (i + 1) + ", " + which;
            try {
                GreetingResults results = awaitGreeting();
                record(what + ": " + results.summary());
                if (!results.connected()) failed.add(what + ": " + results.summary());
            } catch (TimeoutException e) {
                String seen = describeCurrentPage();
                record(what + ": TIMEOUT; " + seen);
                failed.add(what + ": the page did not finish within " + LOAD_DEADLINE + "; " + seen);
            }
        }
        return failed;
    }

    /**
     * The results of the current tab's new page, once its socket is done. The page gives up on its own after ten
     * seconds, so the wait's bound is only for a page that never loaded.
     */
    private static GreetingResults awaitGreeting() {
        Map<?, ?> page = new WebDriverWait(driver, LOAD_DEADLINE, Duration.ofMillis(100))
                .ignoring(WebDriverException.class) // a tab mid-navigation has no document to ask yet
                .until(d -> driver.executeScript("const r = window.localhomeStale ? null : window.localhomeGreeting;"
                        + " return r && r.done ? r : null;") instanceof Map<?, ?> results ? results : null);
        return GreetingResults.from(page);
    }

    /** Polls a condition in the page, bounded by the load deadline; the seconds it took, for the record. */
    private static double secondsUntil(String condition) {
        Instant start = Instant.now();
        Await.until(LOAD_DEADLINE, () -> Boolean.TRUE.equals(driver.executeScript("return " + condition)),
                () -> "the dashboard did not reach '%s' without a reload; %s".formatted(condition,
                        describeCurrentPage()));
        return Duration.between(start, Instant.now()).toMillis() / 1000.0;
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
        AtomicReference<Object> last = new AtomicReference<>();
        PageResults results = Await.value(LOAD_DEADLINE, () -> {
            try {
                last.set(driver.executeScript(
                        "return window.localhomeStale ? null : (window.localhomeResults || null)"));
                if (last.get() instanceof Map<?, ?> map && Boolean.TRUE.equals(map.get("done")))
                    return Optional.of(PageResults.from((Map<String, Object>) map));
            } catch (WebDriverException e) {
                // the navigation is still committing: there is no document to ask yet
            }
            return Optional.empty();
        }, () -> {
            String seen = describeCurrentPage();
            screenshot(what.replaceAll("[^A-Za-z0-9]+", "-") + "-timeout.png");
            record(what + ": TIMEOUT, page results so far " + last.get() + "; " + seen);
            return "%s: the page did not finish; its results so far: %s; %s".formatted(what, last.get(), seen);
        });
        record(what + ": " + results.summary());
        return results;
    }

    /** Waits until a page that is not the test site (the dashboard) has loaded. */
    private static void awaitDocument(String what) {
        Await.until(LOAD_DEADLINE, () -> {
            try {
                return Boolean.TRUE.equals(driver.executeScript("return !window.localhomeStale"
                        + " && document.readyState === 'complete' && location.href !== 'about:blank'"));
            } catch (WebDriverException e) {
                return false; // still navigating
            }
        }, () -> "%s did not load; %s".formatted(what, describeCurrentPage()));
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
}
