package dev.localhome.bootstrap.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.localhome.bootstrap.config.Config;
import dev.localhome.bootstrap.config.Environment;
import dev.localhome.bootstrap.daemon.Daemon;
import dev.localhome.bootstrap.e2e.BackendProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * The dashboard in a window 1000 px wide, with what makes it hard: a running service whose name sorts after a stopped
 * one's, two processes with one name, and the long command lines of real JVM processes (their class path). Running
 * services come first; the table fits the window (nothing is cut at the right edge); a command wraps, with its whole
 * text on hover. The screenshot goes to {@code target/browser-artifacts/dashboard-1000px.png}.
 */
class DashboardAtThousandPixelsTest {
    private static final Path ARTIFACTS = Path.of("target", "browser-artifacts").toAbsolutePath();
    private static final Duration BOUND = Duration.ofSeconds(30);

    @TempDir
    Path temporary;

    @Test
    void runningServicesComeFirstAndLongCommandsWrapWithinTheWindow() throws Exception {
        assumeTrue(Chromium.installed(), "needs " + Chromium.BROWSER + " and " + Chromium.DRIVER);
        Files.createDirectories(ARTIFACTS);
        Path home = Files.createDirectories(temporary.resolve("home"));
        String stopped = BackendProcess.uniqueName("aaa-stopped");
        String running = BackendProcess.uniqueName("zzz-running");
        try (Daemon daemon = Daemon.start(Config.defaults().withPort(0),
                Environment.of(Map.of("HOME", home.toString()), temporary, home));
             BackendProcess one = BackendProcess.start(running, "dev.localhome.adapters.netty.testing.TestBackend");
             BackendProcess two = BackendProcess.start(running, "dev.localhome.adapters.netty.testing.TestBackend")) {
            ChromeDriver chromium = Chromium.start(home, temporary.resolve("profile"), temporary, List.of());
            try {
                try (BackendProcess gone = BackendProcess.start(stopped, "dev.localhome.adapters.netty.testing.TestBackend")) {
                    chromium.manage().window().setSize(new Dimension(1000, 900));
                    chromium.get("http://localhost:" + daemon.port() + "/");
                    awaitTrue(chromium, "document.querySelector('tr[data-service=\"" + stopped + "\"]') !== null");
                }
                awaitTrue(chromium, "document.querySelector('tr[data-service=\"" + stopped + "\"][data-state=\"stopped\"]') !== null"
                        + " && document.querySelector('tr[data-service=\"" + running + "\"] .several') !== null");
                Files.write(ARTIFACTS.resolve("dashboard-1000px.png"), chromium.getScreenshotAs(OutputType.BYTES));

                @SuppressWarnings("unchecked")
                List<String> order = (List<String>) chromium.executeScript("return Array.from(document.querySelectorAll("
                        + "'#rows tr')).map(tr => tr.getAttribute('data-service'))");
                assertThat(order.indexOf(running)).as("a running service is listed above every stopped one: %s", order)
                        .isLessThan(order.indexOf(stopped));
                Object overflow = chromium.executeScript("var w = document.querySelector('.table-wrap');"
                        + " return w.scrollWidth - w.clientWidth");
                assertThat(((Number) overflow).intValue()).as("pixels of the table cut at the right edge").isLessThanOrEqualTo(0);
                String title = (String) chromium.executeScript("return document.querySelector('tr[data-service=\""
                        + running + "\"] td.cmd').title");
                // all localhome keeps of it (a JVM's class path runs past that), far more than the three lines shown
                assertThat(title).as("the whole command on hover").startsWith(Path.of(System.getProperty("java.home"),
                        "bin", "java").toString()).contains(" -cp ").hasSizeGreaterThan(900);
                Object lines = chromium.executeScript("var code = document.querySelector('tr[data-service=\""
                        + running + "\"] td.cmd code'); return Math.round(code.getBoundingClientRect().height"
                        + " / parseFloat(getComputedStyle(code).lineHeight))");
                assertThat(((Number) lines).intValue()).as("lines the command cell shows").isBetween(1, 3);
                String several = (String) chromium.executeScript("return document.querySelector('tr[data-service=\""
                        + running + "\"] .several').title");
                assertThat(several).contains("2 processes carry NAME=" + running, " answers", "is the lowest of its ports");
            } finally {
                chromium.quit();
            }
        }
    }

    private static void awaitTrue(ChromeDriver chromium, String condition) throws InterruptedException {
        Instant deadline = Instant.now().plus(BOUND);
        while (Instant.now().isBefore(deadline)) {
            try {
                if (Boolean.TRUE.equals(chromium.executeScript("return " + condition))) return;
            } catch (WebDriverException e) {
                // still loading
            }
            Thread.sleep(100);
        }
        throw new AssertionError("not true within " + BOUND + ": " + condition);
    }
}
