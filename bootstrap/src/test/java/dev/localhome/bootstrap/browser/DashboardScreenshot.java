package dev.localhome.bootstrap.browser;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.localhome.adapters.netty.inbound.ProxyLimits;
import dev.localhome.adapters.netty.testing.ProxyUnderTest;
import dev.localhome.adapters.netty.testing.TestBackend;
import dev.localhome.application.DaemonFacts;
import dev.localhome.application.inspect.RequestLog;
import dev.localhome.domain.ProcessInfo;
import dev.localhome.domain.testing.Await;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Makes {@code docs/dashboard.png}, the README's picture of the dashboard with live traffic. Opt-in, not part of the
 * suite (it runs traffic for two and a half minutes, so the chart has something to show):
 *
 * <pre>mvn -B -o -pl bootstrap -am test -Dtest=DashboardScreenshot -Dsurefire.failIfNoSpecifiedTests=false \
 *     -Dlocalhome.screenshot=$PWD/docs/dashboard.png</pre>
 *
 * The services are real backends ({@link TestBackend}) behind the real proxy, under the names a README reader would
 * use; their process details (pid, command, directory) are made up, since what this machine runs is nobody's
 * business. The traffic is real requests: mostly fine, some 5xx from {@code api}, some of localhome's own 502s (a
 * backend that hangs up) and a stopped service.
 */
class DashboardScreenshot {
    private static final String OUTPUT = System.getProperty("localhome.screenshot");
    private static final Duration TRAFFIC = Duration.ofSeconds(Long.getLong("localhome.screenshot.seconds", 150));

    @TempDir
    Path temporary;

    @Test
    void dashboardWithLiveTraffic() throws Exception {
        assumeTrue(OUTPUT != null, "opt-in: -Dlocalhome.screenshot=<png path>");
        assumeTrue(Chromium.installed(), "needs Chromium and chromedriver");
        DaemonFacts facts = new DaemonFacts("0.9.0", Instant.now().minusSeconds(3 * 3600 + 420), "127.0.0.1", List.of(),
                List.of());
        List<TestBackend> backends = new ArrayList<>();
        try (ProxyUnderTest proxy = new ProxyUnderTest(ProxyUnderTest.NO_CA, ProxyLimits.defaults(), facts,
                new RequestLog(new RequestLog.Settings(true, true)))) {
            serve(proxy, backends, "shop", 41877, "npm run dev", "/home/ann/src/shop", 5400);
            serve(proxy, backends, "api", 41902, "node --watch server.js", "/home/ann/src/shop/api", 5300);
            serve(proxy, backends, "docs", 42210, "python3 -m http.server 8000", "/home/ann/src/docs", 900);
            serve(proxy, backends, "admin", 42388, "vite --port 5174", "/home/ann/src/admin", 2000);
            proxy.services.remove("admin"); // stopped: listed greyed, with when it was last seen
            awaitStopped(proxy, "admin");

            Path home = Files.createDirectories(temporary.resolve("home"));
            ChromeDriver driver = Chromium.start(home, temporary.resolve("profile"), proxy.port(), temporary);
            try {
                driver.manage().window().setSize(new Dimension(1360, 1320));
                driver.get("http://localhost:" + proxy.port() + "/#requests=shop");
                traffic(proxy, Instant.now().plus(TRAFFIC));
                new WebDriverWait(driver, Duration.ofSeconds(10)).until(d -> !d.findElements(
                        By.cssSelector("#exchanges tr[data-id]")).isEmpty());
                driver.findElement(By.cssSelector("#exchanges tr[data-id]:nth-child(3)")).click();
                driver.executeScript("window.scrollTo(0, 0)");
                Path shot = driver.getScreenshotAs(OutputType.FILE).toPath();
                Files.createDirectories(Path.of(OUTPUT).toAbsolutePath().getParent());
                Files.copy(shot, Path.of(OUTPUT), StandardCopyOption.REPLACE_EXISTING);
                System.out.println("[screenshot] wrote " + Path.of(OUTPUT).toAbsolutePath());
            } finally {
                driver.quit();
            }
        } finally {
            for (TestBackend backend : backends) backend.close();
        }
    }

    private static void serve(ProxyUnderTest proxy, List<TestBackend> backends, String name, long pid, String command,
                              String directory, long upSeconds) throws Exception {
        TestBackend backend = TestBackend.start(0, name);
        backends.add(backend);
        proxy.processes.put(name, new ProcessInfo(pid, command, directory, Optional.of(Instant.now().minusSeconds(upSeconds))));
        proxy.services.put(name, backend.port());
        request(proxy, name, "/"); // a request for a name the registry lacks rescans: it is known from here on
    }

    private static void awaitStopped(ProxyUnderTest proxy, String name) {
        Await.until(Duration.ofSeconds(15), () -> request(proxy, name, "/") == 503,
                () -> name + " did not show as stopped");
    }

    /** A working day's mix, rising and falling: pages, API calls, a few 5xx, now and then a backend that hangs up. */
    private static void traffic(ProxyUnderTest proxy, Instant until) throws Exception {
        Random random = new Random(14);
        String[] shopPaths = {"/", "/cart", "/products/42", "/@vite/client", "/src/main.tsx", "/assets/logo.svg", "/checkout"};
        String[] apiPaths = {"/v1/products?page=2", "/v1/cart", "/v1/session", "/v1/orders/1187", "/v1/search?q=lamp"};
        long start = System.nanoTime();
        while (Instant.now().isBefore(until)) {
            double t = (System.nanoTime() - start) / 1e9;
            int burst = 2 + (int) (6 * (1 + Math.sin(t / 9)));
            for (int i = 0; i < burst; i++) {
                request(proxy, "shop", shopPaths[random.nextInt(shopPaths.length)]);
                if (random.nextInt(3) == 0) request(proxy, "api", apiPaths[random.nextInt(apiPaths.length)]);
                if (random.nextInt(40) == 0) request(proxy, "api", "/status?code=500");
                if (random.nextInt(90) == 0) request(proxy, "shop", "/hang-up");
            }
            if (random.nextInt(6) == 0) request(proxy, "docs", "/guide/" + random.nextInt(9) + ".html");
            if (random.nextInt(25) == 0) request(proxy, "admin", "/");
            Thread.sleep(400);
        }
        request(proxy, "shop", "/products/42?variant=oak");
        request(proxy, "api", "/v1/cart");
        request(proxy, "shop", "/cart");
    }

    // HTTP/1.1, as a browser speaks to a plain-http dev server: no h2c upgrade headers in the details shown
    private static final HttpClient CLIENT = HttpClient.newBuilder().proxy(HttpClient.Builder.NO_PROXY)
            .version(HttpClient.Version.HTTP_1_1).build();

    private static int request(ProxyUnderTest proxy, String name, String path) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + proxy.port() + path))
                .header("Host", name + ".localhost:" + proxy.port())
                .header("Accept", "text/html,application/json")
                .header("Cookie", "session=kept-out-of-the-record")
                .build();
        return CLIENT.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}
