package dev.localhome.bootstrap.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.localhome.adapters.certs.CertificateAuthorities;
import dev.localhome.bootstrap.config.Config;
import dev.localhome.bootstrap.config.Environment;
import dev.localhome.bootstrap.daemon.Daemon;
import dev.localhome.bootstrap.e2e.BackendProcess;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The dashboard's live view in a real Chromium: a request the test makes shows on the open page within a second,
 * by every way the dashboard is reached; a burst shows in full; and the page comes back by itself after the daemon
 * restarts under it (the stream drops for real: the process's sockets close), with no exchange shown twice.
 *
 * <p>Skipped when Chromium, chromedriver or certutil is missing; {@code .ci/run} installs them.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BrowserLiveDashboardTest {
    /** The promise: on the open page within a second of the answer. */
    private static final Duration SHOWN_WITHIN = Duration.ofSeconds(1);
    /** Bounds a page load, a burst or a restart on a busy 2-core machine; not a timing assertion. */
    private static final Duration DEADLINE = Duration.ofSeconds(30);
    private static final Path ARTIFACTS = Path.of("target", "browser-artifacts").toAbsolutePath();

    @TempDir
    static Path temporary;
    private static Config config;
    private static Environment machine;
    private static Daemon daemon;
    private static BackendProcess app;
    private static ChromeDriver driver;
    private static final HttpClient client = HttpClient.newBuilder().proxy(HttpClient.Builder.NO_PROXY).build();

    @BeforeAll
    static void start() throws Exception {
        Chromium.require();
        Files.createDirectories(ARTIFACTS);
        Path ca = temporary.resolve("ca");
        Path home = Files.createDirectories(temporary.resolve("home"));
        CertificateAuthorities.init(ca);
        Chromium.trust(home, ca.resolve("rootCA.pem"));
        machine = Environment.of(Map.of("HOME", home.toString()), temporary, home);
        daemon = Daemon.start(Config.defaults().withPort(0).withMkcertCaRoot(ca), machine);
        // the same settings on the port it got: what a restart uses, so the page's origin stays the same
        config = Config.defaults().withPort(daemon.port()).withMkcertCaRoot(ca);
        app = BackendProcess.start(BackendProcess.uniqueName("live"), "dev.localhome.adapters.netty.testing.TestBackend");
        driver = Chromium.start(home, temporary.resolve("profile"), daemon.port(), ARTIFACTS);
    }

    @AfterAll
    static void stop() {
        try {
            if (driver != null) driver.quit();
        } finally {
            try {
                if (app != null) app.close();
            } finally {
                if (daemon != null) daemon.close();
            }
        }
    }

    @ParameterizedTest(name = "at {0}")
    @ValueSource(strings = {"http://localhost:%d/", "http://home.localhost:%d/", "http://home/", "https://home/"})
    @Order(1)
    void aRequestShowsOnTheOpenPageWithinASecondWithItsStatusAndPath(String dashboard) throws Exception {
        openLiveView(dashboard.formatted(daemon.port()));
        String path = "/seen-" + Long.toHexString(System.nanoTime()) + "?y=1";

        assertThat(request(path).statusCode()).isEqualTo(200);

        new WebDriverWait(driver, SHOWN_WITHIN).until(d -> rowsFor(path).size() == 1
                && "200".equals(rowsFor(path).get(0).get("status")));
        assertThat(rowsFor(path).get(0)).containsEntry("method", "GET");
        // and the service's row counts it
        new WebDriverWait(driver, SHOWN_WITHIN).until(d -> requestsPerMinute() >= 1);
    }

    @Test
    @Order(2)
    void theLiveViewFiltersByPathAndStatusPausesAndShowsOneExchangesDetails() throws Exception {
        openLiveView("http://localhost:" + daemon.port() + "/");
        String tag = Long.toHexString(System.nanoTime());
        String fine = "/fine-" + tag;
        String asked = "/status?code=503&t=" + tag;
        String broken = "/status?code=(redacted)&t=" + tag; // "code" is a secret's name (OAuth): never shown
        request(fine);
        request(asked);
        new WebDriverWait(driver, DEADLINE).until(d -> rowsFor(fine).size() == 1 && rowsFor(broken).size() == 1
                && "503".equals(rowsFor(broken).get(0).get("status")));

        driver.findElement(By.id("filter-path")).sendKeys(tag);
        Select status = new Select(driver.findElement(By.id("filter-status")));
        status.selectByValue("5");
        assertThat(visibleTargets()).containsExactly(broken);
        status.selectByValue("");
        assertThat(visibleTargets()).containsExactlyInAnyOrder(fine, broken);

        driver.findElement(By.id("pause")).click();
        String held = "/held-" + tag;
        request(held);
        // its start and its end, held under one id
        new WebDriverWait(driver, DEADLINE).until(d -> "paused, 1 new held".equals(driver.findElement(By.id("held")).getText()));
        assertThat(rowsFor(held)).as("not listed while paused").isEmpty();
        driver.findElement(By.id("pause")).click();
        new WebDriverWait(driver, DEADLINE).until(d -> rowsFor(held).size() == 1 && "200".equals(rowsFor(held).get(0).get("status")));

        driver.findElement(By.xpath("//tbody[@id='exchanges']/tr[td[contains(@class,'target')][.='" + broken + "']]")).click();
        String details = driver.findElement(By.id("exchange")).getText();
        assertThat(details).contains("GET " + broken).contains("503").contains("backend")
                .contains("not recorded"); // headers are off unless configured
    }

    /**
     * The forget button sends what the API asks of a change ({@code X-Localhome: 1}, which no other page can send
     * without a preflight): the stopped service leaves the page and the API.
     */
    @Test
    @Order(5)
    void theForgetButtonForgetsAStoppedService() throws Exception {
        String name;
        try (BackendProcess gone = BackendProcess.start(BackendProcess.uniqueName("gone"),
                "dev.localhome.adapters.netty.testing.TestBackend")) {
            name = gone.name();
            assertThat(client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + daemon.port() + "/"))
                    .header("Host", name + ".localhost:" + daemon.port()).build(), HttpResponse.BodyHandlers.ofString())
                    .statusCode()).isEqualTo(200);
        }
        driver.get("http://localhost:" + daemon.port() + "/");
        By button = By.cssSelector("button[data-forget='" + name + "']");
        new WebDriverWait(driver, DEADLINE).ignoring(WebDriverException.class)
                .until(d -> !d.findElements(button).isEmpty() && d.findElement(button).isDisplayed());

        // the page re-renders its rows as it polls: a button found may be replaced before the click lands
        new WebDriverWait(driver, DEADLINE).ignoring(org.openqa.selenium.StaleElementReferenceException.class)
                .until(d -> {
                    d.findElement(button).click();
                    return true;
                });

        new WebDriverWait(driver, DEADLINE).until(d -> d.findElements(By.cssSelector("tr[data-service='" + name + "']")).isEmpty());
        String services = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + daemon.port()
                + "/api/services")).header("Host", "localhost:" + daemon.port()).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        assertThat(services).doesNotContain("\"name\":\"" + name + "\"");
    }

    /** The paths of the rows the filters leave visible. */
    @SuppressWarnings("unchecked")
    private static List<String> visibleTargets() {
        return (List<String>) driver.executeScript("return Array.from(document.querySelectorAll('#exchanges tr[data-id]'))"
                + ".filter(function (tr) { return !tr.hidden; })"
                + ".map(function (tr) { return tr.querySelector('td.target').textContent; });");
    }

    @Test
    @Order(3)
    void aBurstWhileThePageIsOpenShowsInFull() throws Exception {
        openLiveView("http://localhost:" + daemon.port() + "/");
        String prefix = "/burst-" + Long.toHexString(System.nanoTime()) + "-";
        int burst = 300;

        List<CompletableFuture<HttpResponse<String>>> sent = new ArrayList<>();
        Semaphore inFlight = new Semaphore(16);
        for (int i = 0; i < burst; i++) {
            inFlight.acquire();
            sent.add(client.sendAsync(byHost(prefix + i), HttpResponse.BodyHandlers.ofString())
                    .whenComplete((response, failure) -> inFlight.release()));
        }
        for (CompletableFuture<HttpResponse<String>> response : sent) assertThat(response.get().statusCode()).isEqualTo(200);

        new WebDriverWait(driver, DEADLINE).until(d -> doneRowsStartingWith(prefix) == burst);
        assertThat(distinctIds()).as("no exchange listed twice").isTrue();
        new WebDriverWait(driver, DEADLINE).until(d -> requestsPerMinute() >= burst);
        screenshot("dashboard-live-burst.png");
    }

    @Test
    @Order(4)
    void thePageRecoversAfterTheDaemonRestartsOnTheSamePortWithoutShowingAnythingTwice() throws Exception {
        openLiveView("http://localhost:" + daemon.port() + "/");
        String before = "/before-restart-" + Long.toHexString(System.nanoTime());
        request(before);
        new WebDriverWait(driver, DEADLINE).until(d -> rowsFor(before).size() == 1);
        driver.executeScript("window.localhomeSamePage = true"); // gone if the page reloads

        daemon.close(); // every connection of the page closes with it: the streams drop for real
        daemon = Daemon.start(config, machine);
        // made before the page has reconnected, most likely: the stream missed it, the history fetch has it
        String missed = "/while-away-" + Long.toHexString(System.nanoTime());
        assertThat(request(missed).statusCode()).isEqualTo(200);
        new WebDriverWait(driver, DEADLINE).until(d -> "live".equals(
                driver.executeScript("return document.getElementById('stream-state').textContent")));
        String after = "/after-restart-" + Long.toHexString(System.nanoTime());
        assertThat(request(after).statusCode()).isEqualTo(200);

        new WebDriverWait(driver, DEADLINE).until(d -> rowsFor(missed).size() == 1 && rowsFor(after).size() == 1);
        assertThat(rowsFor(missed)).hasSize(1);
        assertThat(distinctIds()).as("no exchange listed twice").isTrue();
        // the new daemon numbers exchanges afresh: what the old one recorded is no longer shown under its ids
        assertThat(rowsFor(before)).isEmpty();
        assertThat(driver.executeScript("return window.localhomeSamePage === true")).as("recovered without a reload").isEqualTo(true);
    }

    /** Opens the dashboard at {@code url} with the app's live view, and waits until its stream is open. */
    private static void openLiveView(String url) {
        driver.get(url + "#requests=" + app.name());
        new WebDriverWait(driver, DEADLINE).ignoring(WebDriverException.class).until(d -> "live".equals(
                driver.executeScript("var s = document.getElementById('stream-state'); return s && s.textContent")));
    }

    private static HttpRequest byHost(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + daemon.port() + path))
                .header("Host", app.name() + ".localhost:" + daemon.port()).build();
    }

    private static HttpResponse<String> request(String path) throws IOException, InterruptedException {
        return client.send(byHost(path), HttpResponse.BodyHandlers.ofString());
    }

    /** The live view's rows whose path is {@code path}: their method and status as shown. */
    @SuppressWarnings("unchecked")
    private static List<Map<String, String>> rowsFor(String path) {
        return (List<Map<String, String>>) driver.executeScript("""
                var path = arguments[0];
                return Array.from(document.querySelectorAll('#exchanges tr[data-id]'))
                  .filter(function (tr) { return tr.querySelector('td.target').textContent === path; })
                  .map(function (tr) { return {method: tr.querySelector('td.method').textContent,
                                               status: tr.querySelector('td.status').textContent}; });
                """, path);
    }

    private static long doneRowsStartingWith(String prefix) {
        return (Long) driver.executeScript("""
                var prefix = arguments[0];
                return Array.from(document.querySelectorAll('#exchanges tr[data-id]'))
                  .filter(function (tr) { return tr.querySelector('td.target').textContent.indexOf(prefix) === 0
                                                 && tr.querySelector('td.status').textContent === '200'; }).length;
                """, prefix);
    }

    private static boolean distinctIds() {
        return (Boolean) driver.executeScript("""
                var ids = Array.from(document.querySelectorAll('#exchanges tr[data-id]')).map(function (tr) {
                  return tr.getAttribute('data-id'); });
                return new Set(ids).size === ids.length;
                """);
    }

    private static long requestsPerMinute() {
        Object text = driver.executeScript("var td = document.querySelector('tr[data-service=\"' + arguments[0]"
                + " + '\"] td.rpm'); return td ? td.textContent : ''", app.name());
        try {
            return Long.parseLong(String.valueOf(text));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static void screenshot(String fileName) {
        try {
            Files.copy(driver.getScreenshotAs(OutputType.FILE).toPath(), ARTIFACTS.resolve(fileName),
                    StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException | WebDriverException e) {
            System.out.println("[browser] screenshot " + fileName + " failed: " + e);
        }
    }
}
