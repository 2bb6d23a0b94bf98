package dev.localhome.bootstrap.browser;

import dev.localhome.adapters.netty.testing.SystemTools;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openqa.selenium.PageLoadStrategy;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * The system's Chromium, driven through the system's chromedriver (Debian's {@code chromium} and
 * {@code chromium-driver}, which {@code .ci/run} installs). Selenium never looks for or downloads a driver or a
 * browser: both paths are explicit.
 */
final class Chromium {
    static final Path BROWSER = Path.of("/usr/bin/chromium");
    static final Path DRIVER = Path.of("/usr/bin/chromedriver");
    static final Path CERTUTIL = Path.of("/usr/bin/certutil");

    private Chromium() {}

    static boolean installed() {
        return Files.isExecutable(BROWSER) && Files.isExecutable(DRIVER) && Files.isExecutable(CERTUTIL);
    }

    /** Goes on when Chromium, chromedriver and certutil are installed; skips naming the packages (fails on CI). */
    static void require() {
        SystemTools.require(BROWSER.toString(), "chromium");
        SystemTools.require(DRIVER.toString(), "chromium-driver");
        SystemTools.require(CERTUTIL.toString(), "libnss3-tools");
    }

    /**
     * Trusts {@code rootPem} as a user would on Linux: in the NSS database under {@code home} that Chromium reads
     * ({@code ~/.pki/nssdb}), as a CA for TLS servers ({@code -t C,,}).
     */
    static void trust(Path home, Path rootPem) throws IOException, InterruptedException {
        Path nssdb = home.resolve(".pki/nssdb");
        Files.createDirectories(nssdb);
        String database = "sql:" + nssdb;
        run(home, CERTUTIL.toString(), "-d", database, "-N", "--empty-password");
        run(home, CERTUTIL.toString(), "-d", database, "-A", "-t", "C,,", "-n", "localhome-test", "-i", rootPem.toString());
    }

    /**
     * A headless Chromium whose proxy settings come from the daemon's PAC file, with {@code HOME} (and so the NSS
     * database) under {@code home} and a fresh profile in {@code profile}.
     *
     * <p>Pages load with {@link PageLoadStrategy#NONE}: {@code get} and {@code refresh} return at once, so four tabs can
     * load at the same time; the tests wait for each page's own results instead. chromedriver logs to
     * {@code artifacts/chromedriver.log}.
     */
    static ChromeDriver start(Path home, Path profile, int daemonPort, Path artifacts) {
        return start(home, profile, artifacts, List.of("--proxy-pac-url=http://127.0.0.1:" + daemonPort + "/proxy.pac"));
    }

    /**
     * As {@link #start(Path, Path, int, Path)}, with {@code proxyArguments} instead of the PAC URL: say
     * {@code --load-extension=} to take the proxy settings from the extension (a command-line proxy flag would win
     * over it), and {@code --host-resolver-rules=} to make names resolve (the PAC's {@code isResolvable} sees them).
     */
    static ChromeDriver start(Path home, Path profile, Path artifacts, List<String> proxyArguments) {
        // belt and braces: with both paths explicit Selenium Manager is never asked, and if it were, it may not download
        System.setProperty("SE_AVOID_BROWSER_DOWNLOAD", "true");
        System.setProperty("webdriver.chrome.driver", DRIVER.toString());
        ChromeOptions options = new ChromeOptions();
        options.setBinary(BROWSER.toFile());
        options.setPageLoadStrategy(PageLoadStrategy.NONE);
        options.addArguments(
                "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                // without these Chromium keeps trying to reach Google's servers, and fails on a closed network
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--window-size=1280,1000",
                "--user-data-dir=" + profile);
        options.addArguments(proxyArguments);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(DRIVER.toFile())
                .usingAnyFreePort()
                .withEnvironment(Map.of("HOME", home.toString()))
                .withLogFile(artifacts.resolve("chromedriver.log").toFile())
                .build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(10));
        return driver;
    }

    private static void run(Path home, String... command) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(new ArrayList<>(List.of(command))).redirectErrorStream(true);
        builder.environment().put("HOME", home.toString());
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0)
            throw new IOException(String.join(" ", command) + " failed: " + output);
    }
}
