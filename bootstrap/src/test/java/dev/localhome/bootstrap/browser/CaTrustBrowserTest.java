package dev.localhome.bootstrap.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.localhome.adapters.certs.CertificateAuthorities;
import dev.localhome.bootstrap.cli.Cli;
import dev.localhome.bootstrap.config.Config;
import dev.localhome.bootstrap.config.Environment;
import dev.localhome.bootstrap.daemon.Daemon;
import dev.localhome.bootstrap.e2e.BackendProcess;
import dev.localhome.domain.testing.Await;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * {@code localhome ca trust} as a user runs it, then a real Chromium: with {@code HOME} a fresh directory (so no NSS
 * database at all), {@code ca trust --only nss} makes Chromium accept {@code https://<name>/} through the PAC file;
 * after {@code ca untrust} a new Chromium refuses the same certificate. Chromium is given no certificate flag: what it
 * trusts comes from {@code $HOME/.pki/nssdb} alone. Skipped without Chromium, chromedriver and certutil.
 */
class CaTrustBrowserTest {
    private static final Duration LOAD_DEADLINE = Duration.ofSeconds(45);
    private static final Path ARTIFACTS = Path.of("target", "browser-artifacts", "ca-trust").toAbsolutePath();

    @TempDir
    static Path temporary;

    private static Path home;
    private static Path ca;
    private static Daemon daemon;
    private static BackendProcess app;

    @BeforeAll
    static void startDaemonAndApp() throws Exception {
        Chromium.require();
        Files.createDirectories(ARTIFACTS);
        home = Files.createDirectories(temporary.resolve("home"));
        ca = temporary.resolve("ca");
        CertificateAuthorities.init(ca);
        daemon = Daemon.start(Config.defaults().withPort(0).withMkcertCaRoot(ca),
                Environment.of(Map.of("HOME", home.toString()), temporary, home));
        app = BackendProcess.start(BackendProcess.uniqueName("trusted"), "dev.localhome.adapters.netty.testing.TestBackend");
    }

    @AfterAll
    static void stopAll() {
        try {
            if (app != null) app.close();
        } finally {
            if (daemon != null) daemon.close();
        }
    }

    @Test
    void afterCaTrustChromiumLoadsHttpsNameAndAfterCaUntrustItRefusesTheCertificate() {
        assertThat(home.resolve(".pki")).as("a fresh home, without any NSS database").doesNotExist();

        assertThat(localhome("ca", "trust", "--only", "nss")).contains("trusted.");
        String trusted = pageAt("https://" + app.name() + "/", "trusted");

        assertThat(trusted).as("the page itself, not a certificate interstitial").contains("hello from " + app.name());

        assertThat(localhome("ca", "untrust", "--only", "nss")).contains("removed.");
        String untrusted = pageAt("https://" + app.name() + "/", "untrusted");

        assertThat(untrusted).contains("ERR_CERT_AUTHORITY_INVALID").doesNotContain("hello from " + app.name());
    }

    /** Runs the command in-process as the user would, with {@code HOME} the fresh home; what it printed. */
    private static String localhome(String... args) {
        String[] all = new String[args.length + 2];
        all[0] = "--mkcert-ca-root";
        all[1] = ca.toString();
        System.arraycopy(args, 0, all, 2, args.length);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exitCode = Cli.execute(all, Environment.of(Map.of("HOME", home.toString(), "PATH", "/usr/bin:/bin"),
                temporary, home), new PrintWriter(out, true), new PrintWriter(err, true));
        assertThat(exitCode).as("localhome %s: %s%s", String.join(" ", args), out, err).isZero();
        return out.toString();
    }

    /**
     * The text a new Chromium (a new profile: nothing remembered from the last one) shows at {@code url}, once it is
     * either the page or Chromium's certificate error.
     */
    private static String pageAt(String url, String what) {
        ChromeDriver driver = Chromium.start(home, temporary.resolve("profile-" + what), daemon.port(), ARTIFACTS);
        try {
            driver.get(url);
            return Await.value(LOAD_DEADLINE, () -> {
                try {
                    Object text = driver.executeScript("return document.readyState === 'complete' && document.body"
                            + " ? document.body.innerText : null");
                    if (text instanceof String body && (body.contains("hello from") || body.contains("ERR_CERT")))
                        return Optional.of(body);
                } catch (WebDriverException e) {
                    // still navigating: there is no document to ask yet
                }
                return Optional.empty();
            }, () -> "%s: %s showed neither the page nor a certificate error; at %s".formatted(what, url,
                    driver.getCurrentUrl()));
        } finally {
            driver.quit();
        }
    }
}
