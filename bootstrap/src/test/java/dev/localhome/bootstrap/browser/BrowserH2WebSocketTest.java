package dev.localhome.bootstrap.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ch.qos.logback.classic.Level;
import dev.localhome.adapters.certs.CertificateAuthorities;
import dev.localhome.adapters.netty.testing.LogCapture;
import dev.localhome.adapters.netty.testing.RawBackend;
import dev.localhome.adapters.netty.testing.WsFrames;
import dev.localhome.bootstrap.config.Config;
import dev.localhome.bootstrap.config.Environment;
import dev.localhome.bootstrap.daemon.Daemon;
import dev.localhome.domain.testing.Await;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * Chromium carries a page's WebSocket on the h2 connection the page came over (RFC 8441), since the intercepted
 * tunnel offers extended CONNECT. The backend speaks first, in the same write as its {@code 101}: the page must hear
 * that greeting and an echo. The proof that h2 carried it is the daemon's own DEBUG line for an extended CONNECT on
 * {@code /ws}: an HTTP/1.1 WebSocket never passes {@code ExtendedConnectHandler}.
 *
 * <p>Skipped when Chromium, chromedriver or certutil is missing, like {@link BrowserEndToEndTest}.
 */
class BrowserH2WebSocketTest {
    private static final Duration DEADLINE = Duration.ofSeconds(45);
    private static final String GREETING = "hello first, over h2?";
    private static final String WS_GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";
    private static final String PAGE = """
            <!doctype html><title>ws over h2</title><script>
            window.h2ws = {events: []};
            const socket = new WebSocket('wss://' + location.host + '/ws');
            socket.onmessage = event => {
              window.h2ws.events.push(event.data);
              if (window.h2ws.events.length === 1) socket.send('echo me');
              else window.h2ws.done = true;
            };
            socket.onerror = () => { window.h2ws.error = 'error'; window.h2ws.done = true; };
            socket.onclose = event => { if (!window.h2ws.done) { window.h2ws.error = 'closed ' + event.code; window.h2ws.done = true; } };
            window.h2ws.page = performance.getEntriesByType('navigation')[0].nextHopProtocol;
            </script>""";

    @TempDir
    static Path temporary;
    private static final List<String> upgradeHeads = new CopyOnWriteArrayList<>();
    private static RawBackend backend;
    private static Daemon daemon;
    private static ChromeDriver driver;
    private static LogCapture log;
    private static Level levelBefore;
    private static String name;

    @BeforeAll
    static void start() throws Exception {
        Chromium.require();
        log = new LogCapture();
        levelBefore = log.setLevel("dev.localhome.adapters.netty.tunnel.ExtendedConnectHandler", Level.DEBUG);
        backend = RawBackend.start(BrowserH2WebSocketTest::serve);
        Path ca = temporary.resolve("ca");
        Path home = Files.createDirectories(temporary.resolve("home"));
        CertificateAuthorities.init(ca);
        Chromium.trust(home, ca.resolve("rootCA.pem"));
        name = "wsh" + Long.toString(System.nanoTime() % 1_000_000, 36);
        daemon = Daemon.start(Config.defaults().withPort(0).withMkcertCaRoot(ca).withServices(Map.of(name, backend.port())),
                Environment.of(Map.of("HOME", home.toString()), temporary, home));
        Path artifacts = Files.createDirectories(Path.of("target", "browser-artifacts").toAbsolutePath());
        driver = Chromium.start(home, temporary.resolve("profile"), daemon.port(), artifacts);
    }

    @AfterAll
    static void stop() {
        try {
            if (driver != null) driver.quit();
        } finally {
            if (daemon != null) daemon.close();
            if (backend != null) backend.close();
            if (log != null) {
                log.setLevel("dev.localhome.adapters.netty.tunnel.ExtendedConnectHandler", levelBefore);
                log.close();
            }
        }
    }

    /** The page for any GET; for a WebSocket upgrade, 101 and a greeting in one write, then an echo of each frame. */
    private static void serve(Socket socket, InputStream in, OutputStream out) throws IOException {
        for (String head = RawBackend.readHead(in); !head.isEmpty(); head = RawBackend.readHead(in)) {
            String key = header(head, "sec-websocket-key");
            if (key == null) {
                boolean page = head.startsWith("GET / ");
                String body = page ? PAGE : "not here";
                RawBackend.write(out, "HTTP/1.1 " + (page ? "200 OK" : "404 Not Found") + "\r\nContent-Type: text/html"
                        + "\r\nContent-Length: " + body.getBytes(StandardCharsets.UTF_8).length + "\r\n\r\n" + body);
                continue;
            }
            upgradeHeads.add(head);
            ByteArrayOutputStream first = new ByteArrayOutputStream();
            first.writeBytes(("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                    + "Sec-WebSocket-Accept: " + accept(key) + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            first.writeBytes(WsFrames.frame(WsFrames.TEXT, GREETING.getBytes(StandardCharsets.UTF_8), false));
            out.write(first.toByteArray());
            out.flush();
            while (true) {
                WsFrames.Frame frame = WsFrames.read(in);
                out.write(WsFrames.frame(frame.opcode(), frame.payload(), false));
                out.flush();
                if (frame.opcode() == WsFrames.CLOSE) return;
            }
        }
    }

    @BeforeEach
    void forgetEarlierUpgrades() {
        upgradeHeads.clear();
        log.clear();
    }

    @Test
    void aPageOverH2OpensItsWebSocketOnTheSameConnectionAndHearsTheServerFirst() {
        driver.get("https://" + name + "/");
        assertTheWebSocketRodeThePagesH2Connection();
    }

    /**
     * The same page straight from the daemon's own port, {@code https://<name>.localhost:<port>/}: no proxy (Chromium
     * sends {@code *.localhost} to loopback itself), TLS told by its first byte, the leaf for {@code <name>.localhost}
     * verified against the CA in the NSS database, h2 by ALPN, and the WebSocket on that same connection.
     */
    @Test
    void thePageFromTheDaemonsOwnPortOverHttpsIsH2AndItsWebSocketRidesIt() {
        driver.get("https://" + name + ".localhost:" + daemon.port() + "/");
        assertTheWebSocketRodeThePagesH2Connection();
        assertThat(header(upgradeHeads.get(0), "host")).as("routed by Host, never through a tunnel")
                .isEqualTo(name + ".localhost:" + daemon.port());
        assertThat(header(upgradeHeads.get(0), "x-forwarded-proto")).isEqualTo("https");
    }

    private static void assertTheWebSocketRodeThePagesH2Connection() {
        Map<?, ?> result = awaitResult();

        assertThat(result.get("error")).as("WebSocket error, page state " + result).isNull();
        assertThat(result.get("page")).as("the page's own protocol").isEqualTo("h2");
        assertThat(result.get("events")).isEqualTo(List.of(GREETING, "echo me"));
        assertThat(log.matching(e -> e.getLoggerName().endsWith("ExtendedConnectHandler")
                        && e.getFormattedMessage().contains("extended CONNECT websocket /ws")))
                .as("the daemon saw an extended CONNECT (RFC 8441) for /ws: the socket rode the page's h2 connection")
                .isNotEmpty();
        assertThat(upgradeHeads).singleElement().satisfies(head -> {
            assertThat(head).startsWith("GET /ws HTTP/1.1\r\n");
            assertThat(header(head, "upgrade")).isEqualToIgnoringCase("websocket");
            assertThat(header(head, "sec-websocket-version")).isEqualTo("13");
        });
    }

    private static Map<?, ?> awaitResult() {
        AtomicReference<Object> last = new AtomicReference<>();
        return Await.value(DEADLINE, () -> {
            try {
                last.set(driver.executeScript("return window.h2ws || null"));
                if (last.get() instanceof Map<?, ?> map && Boolean.TRUE.equals(map.get("done")))
                    return Optional.<Map<?, ?>>of(map);
            } catch (WebDriverException e) {
                // still navigating
            }
            return Optional.empty();
        }, () -> "the page's WebSocket did not finish; state %s; url %s".formatted(last.get(), driver.getCurrentUrl()));
    }

    private static String accept(String key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-1").digest((key + WS_GUID).getBytes(StandardCharsets.US_ASCII));
            return Base64.getEncoder().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String header(String head, String name) {
        for (String line : head.split("\r\n")) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).trim().toLowerCase(Locale.ROOT).equals(name))
                return line.substring(colon + 1).trim();
        }
        return null;
    }
}
