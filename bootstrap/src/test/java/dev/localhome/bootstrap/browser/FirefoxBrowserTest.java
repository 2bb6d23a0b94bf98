package dev.localhome.bootstrap.browser;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import ch.qos.logback.classic.Level;
import com.sun.net.httpserver.HttpServer;
import dev.localhome.adapters.certs.CertificateAuthorities;
import dev.localhome.adapters.netty.testing.LogCapture;
import dev.localhome.adapters.netty.testing.RawBackend;
import dev.localhome.adapters.netty.testing.WsFrames;
import dev.localhome.bootstrap.config.Config;
import dev.localhome.bootstrap.config.Environment;
import dev.localhome.bootstrap.daemon.Daemon;
import dev.localhome.bootstrap.e2e.BackendProcess;
import dev.localhome.domain.testing.Await;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What {@link PacNamesBrowserTest} and {@link BrowserH2WebSocketTest} show in Chromium, in a real Firefox
 * ({@code firefox-esr}), driven without WebDriver (Debian has no geckodriver): each test writes a profile, opens one URL
 * in a headless Firefox of its own and asserts on the server side, on what the test servers received and what the
 * daemon's request inspector ({@code /api/requests}) recorded.
 *
 * <p>Firefox resolves the test's hosts-file stand-in {@code vmhost} through {@code network.dns.localDomains}, which the
 * PAC's {@code isResolvable} sees as well, and {@code <name>.localhost} to loopback by itself; every other name resolves
 * nowhere (see {@link Firefox}). The profiles trust the test CA: with a CA, localhome sends {@code http://<service>/}
 * on to {@code https://}, which Firefox follows through the PAC's proxy by {@code CONNECT}. Skipped without
 * firefox-esr or certutil ({@code .ci/run} installs them).
 */
class FirefoxBrowserTest {
    private static final Duration DEADLINE = Duration.ofSeconds(45);
    private static final Path ARTIFACTS = Path.of("target", "browser-artifacts").toAbsolutePath();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final String GREETING = "hello first";
    private static final String EXTENDED_CONNECT = "dev.localhome.adapters.netty.tunnel.ExtendedConnectHandler";
    private static final String WS_GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";
    /** The HMR-style page: a WebSocket back to where the page came from, that reports the page's protocol. */
    private static final String HMR_PAGE = """
            <!doctype html><title>hmr</title><script>
            const socket = new WebSocket('wss://' + location.host + '/hmr');
            socket.onmessage = () => socket.send('page over ' + performance.getEntriesByType('navigation')[0].nextHopProtocol);
            </script>""";

    @TempDir
    static Path temporary;

    private static Path home;
    private static Path caRoot;
    private static Daemon daemon;
    private static HttpServer vmhost;
    private static RawBackend hmr;
    private static String hmrName;
    private static LogCapture log;
    private static Level levelBefore;
    /** What {@code vmhost} received: {@code <path> Host=<host> UA=<user agent>}. */
    private static final List<String> vmhostRequests = new CopyOnWriteArrayList<>();
    /** What the HMR backend received: each request head, and each WebSocket message as {@code message: <text>}. */
    private static final List<String> hmrReceived = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void startDaemonAndServers() throws Exception {
        Firefox.require();
        log = new LogCapture();
        levelBefore = log.setLevel(EXTENDED_CONNECT, Level.DEBUG);
        Files.createDirectories(ARTIFACTS);
        home = Files.createDirectories(temporary.resolve("home"));
        Path ca = temporary.resolve("ca");
        CertificateAuthorities.init(ca);
        caRoot = ca.resolve("rootCA.pem");
        vmhost = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        vmhost.createContext("/", exchange -> {
            vmhostRequests.add(exchange.getRequestURI() + " Host=" + exchange.getRequestHeaders().getFirst("Host")
                    + " UA=" + exchange.getRequestHeaders().getFirst("User-Agent"));
            String query = Optional.ofNullable(exchange.getRequestURI().getQuery()).orElse("");
            byte[] body = (query.startsWith("poll=") ? pollingPage(query.substring("poll=".length()))
                    : "<!doctype html><title>vm</title><p>the vm's own page").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        vmhost.start();
        hmr = RawBackend.start(FirefoxBrowserTest::serveHmr);
        hmrName = BackendProcess.uniqueName("ffh");
        daemon = Daemon.start(Config.defaults().withPort(0).withMkcertCaRoot(ca).withServices(Map.of(hmrName, hmr.port())),
                Environment.of(Map.of("HOME", home.toString()), temporary, home));
    }

    @AfterAll
    static void stopAll() {
        try {
            if (vmhost != null) vmhost.stop(0);
            if (hmr != null) hmr.close();
        } finally {
            if (daemon != null) daemon.close();
            if (log != null) {
                log.setLevel(EXTENDED_CONNECT, levelBefore);
                log.close();
            }
        }
    }

    @Test
    void withThePacANameThatResolvesToALoopbackServerThatIsNoServiceLoadsThatServersPage() throws Exception {
        String url = "http://vmhost:" + vmhost.getAddress().getPort() + "/direct";
        try (Firefox firefox = withPac("direct", url)) {
            String got = Await.value(DEADLINE, () -> vmhostRequests.stream().filter(r -> r.startsWith("/direct ")).findFirst(),
                    () -> "vmhost never got /direct; it got " + vmhostRequests);

            assertThat(got).contains("Host=vmhost:" + vmhost.getAddress().getPort(), "Firefox/");
            assertThat(exchanges("vmhost")).as("DIRECT: localhome never saw it").isEmpty();
        }
    }

    @Test
    void withThePacABareNameThatResolvesNowhereShowsLocalhomesPageOfServices() throws Exception {
        String nope = BackendProcess.uniqueName("nope");
        try (Firefox firefox = withPac("nowhere", "http://" + nope + "/")) {
            JsonNode answer = awaitExchange(nope, e -> e.path("target").asText().equals("/"));

            assertThat(answer.path("answeredBy").asText()).isEqualTo("localhome");
            assertThat(answer.path("status").asInt()).isEqualTo(404);
            assertThat(answer.path("bytesOut").asLong()).as("the 404 page listing the services, not an empty reply")
                    .isPositive();
            assertThat(answer.path("arrival").asText()).as("sent to localhome by the PAC").isEqualTo("pac");
        }
        // for a human: what Firefox showed (no assertion reads pixels)
        Firefox.screenshot(profile("nowhere-shot", pac()), home, "http://" + nope + "/",
                ARTIFACTS.resolve("firefox-404.png"));
    }

    /**
     * One Firefox, one PAC fetch: the page (served DIRECT by {@code vmhost}) asks for {@code http://<name>/headers} every
     * 250 ms, first while no such service exists (localhome's 404), then after the service started.
     */
    @Test
    void withThePacAServiceStartedAfterThePageLoadedThePacAnswersByItsBareName() throws Exception {
        String name = BackendProcess.uniqueName("late");
        String page = "http://vmhost:" + vmhost.getAddress().getPort() + "/?poll=" + URLEncoder.encode(name, StandardCharsets.UTF_8);
        try (Firefox firefox = withPac("late", page)) {
            JsonNode before = awaitExchange(name, e -> e.path("answeredBy").asText().equals("localhome"));
            assertThat(before.path("status").asInt()).isEqualTo(404);
            try (BackendProcess late = BackendProcess.start(name, "dev.localhome.adapters.netty.testing.TestBackend")) {
                JsonNode after = awaitExchange(name, e -> e.path("answeredBy").asText().equals("backend")
                        && e.path("state").asText().equals("done"));

                assertThat(after.path("status").asInt()).isEqualTo(200);
                assertThat(after.path("target").asText()).startsWith("/headers");
            }
        }
    }

    /**
     * {@code https://<name>.localhost:<port>/} with no proxy: TLS told by its first byte on the daemon's own port, the
     * leaf verified against the CA in the profile's NSS database, h2 by ALPN, and the page's WebSocket on that same h2
     * connection (RFC 8441), as the daemon's DEBUG line for an extended CONNECT shows.
     */
    @Test
    void overHttpsOnTheDaemonsOwnPortThePageIsH2AndItsWebSocketIsAnswered() throws Exception {
        Path profile = profile("https", Map.of("network.proxy.type", 0));
        String host = hmrName + ".localhost:" + daemon.port();
        try (Firefox firefox = Firefox.open(profile, home, "https://" + host + "/", ARTIFACTS.resolve("firefox-https.log"))) {
            Await.until(DEADLINE, () -> hmrReceived.stream().anyMatch(r -> r.startsWith("message: ")),
                    () -> "the page's WebSocket said nothing; the backend got " + hmrReceived);

            assertThat(hmrReceived).contains("message: page over h2");
            String pageHead = hmrReceived.stream().filter(r -> r.startsWith("GET / ")).findFirst().orElseThrow();
            assertThat(header(pageHead, "host")).isEqualTo(host);
            assertThat(header(pageHead, "x-forwarded-proto")).isEqualTo("https");
            assertThat(header(pageHead, "user-agent")).contains("Firefox/");
            String upgrade = hmrReceived.stream().filter(r -> r.startsWith("GET /hmr ")).findFirst().orElseThrow();
            assertThat(header(upgrade, "upgrade")).isEqualToIgnoringCase("websocket");
            assertThat(header(upgrade, "x-forwarded-proto")).isEqualTo("https");
            JsonNode pageExchange = awaitExchange(hmrName, e -> e.path("target").asText().equals("/"));
            assertThat(pageExchange.path("protocol").asText()).isEqualTo("h2");
            assertThat(exchanges(hmrName)).as("the WebSocket's exchange in the inspector")
                    .anyMatch(e -> e.path("target").asText().equals("/hmr") && e.path("protocol").asText().equals("websocket"));
            assertThat(log.matching(e -> e.getLoggerName().equals(EXTENDED_CONNECT)
                            && e.getFormattedMessage().contains("extended CONNECT websocket /hmr")))
                    .as("the daemon saw an extended CONNECT (RFC 8441) for /hmr: the socket rode the page's h2 connection")
                    .isNotEmpty();
        }
    }

    /** A page that asks for {@code http://<name>/headers} every 250 ms, without CORS (only the request matters). */
    private static String pollingPage(String name) {
        return "<!doctype html><title>poll</title><script>let n = 0; setInterval(() => fetch('http://" + name
                + "/headers?n=' + n++, {mode: 'no-cors', cache: 'no-store'}).catch(() => {}), 250);</script>";
    }

    /** The page for {@code GET /}; for a WebSocket upgrade, 101 and a greeting, then each text message recorded. */
    private static void serveHmr(Socket socket, InputStream in, OutputStream out) throws IOException {
        for (String head = RawBackend.readHead(in); !head.isEmpty(); head = RawBackend.readHead(in)) {
            hmrReceived.add(head);
            String key = header(head, "sec-websocket-key");
            if (key == null) {
                boolean page = head.startsWith("GET / ");
                String body = page ? HMR_PAGE : "not here";
                RawBackend.write(out, "HTTP/1.1 " + (page ? "200 OK" : "404 Not Found") + "\r\nContent-Type: text/html"
                        + "\r\nContent-Length: " + body.getBytes(StandardCharsets.UTF_8).length + "\r\n\r\n" + body);
                continue;
            }
            ByteArrayOutputStream first = new ByteArrayOutputStream();
            first.writeBytes(("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                    + "Sec-WebSocket-Accept: " + accept(key) + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            first.writeBytes(WsFrames.frame(WsFrames.TEXT, GREETING.getBytes(StandardCharsets.UTF_8), false));
            out.write(first.toByteArray());
            out.flush();
            while (true) {
                WsFrames.Frame frame = WsFrames.read(in);
                if (frame.opcode() == WsFrames.TEXT)
                    hmrReceived.add("message: " + new String(frame.payload(), StandardCharsets.UTF_8));
                if (frame.opcode() == WsFrames.CLOSE) {
                    out.write(WsFrames.frame(WsFrames.CLOSE, frame.payload(), false));
                    out.flush();
                    return;
                }
            }
        }
    }

    private static String pac() {
        return "http://127.0.0.1:" + daemon.port() + "/proxy.pac";
    }

    /** A Firefox whose proxy settings come from the daemon's PAC file, on a profile of its own, opening {@code url}. */
    private static Firefox withPac(String profileName, String url) throws IOException, InterruptedException {
        return Firefox.open(profile(profileName, pac()), home, url, ARTIFACTS.resolve("firefox-" + profileName + ".log"));
    }

    private static Path profile(String name, String pacUrl) throws IOException, InterruptedException {
        return profile(name, Map.of("network.proxy.type", 2, "network.proxy.autoconfig_url", pacUrl));
    }

    /** A fresh profile where {@code vmhost} resolves to loopback, trusting the test CA. */
    private static Path profile(String name, Map<String, Object> proxy) throws IOException, InterruptedException {
        Map<String, Object> prefs = new HashMap<>(proxy);
        prefs.put("network.dns.localDomains", "vmhost"); // stands in for a hosts-file entry: resolves to loopback
        Path profile = Firefox.profile(temporary.resolve("profile-" + name), prefs);
        Firefox.trust(profile, caRoot);
        return profile;
    }

    /** The first exchange the inspector recorded for {@code service} that {@code matches}, within the deadline. */
    private static JsonNode awaitExchange(String service, Predicate<JsonNode> matches) {
        return Await.value(DEADLINE, () -> exchanges(service).stream().filter(matches).findFirst(),
                () -> "no such exchange for " + service + "; the inspector has " + seen(service));
    }

    private static String seen(String service) {
        try {
            return exchanges(service).toString();
        } catch (IOException | InterruptedException e) {
            return "(unreadable: " + e + ")";
        }
    }

    private static List<JsonNode> exchanges(String service) throws IOException, InterruptedException {
        HttpResponse<String> response = CLIENT.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + daemon.port()
                + "/api/requests?service=" + URLEncoder.encode(service, StandardCharsets.UTF_8))).build(),
                HttpResponse.BodyHandlers.ofString());
        List<JsonNode> all = new ArrayList<>();
        JSON.readTree(response.body()).forEach(all::add);
        return all;
    }

    /** A request header of an inspector exchange, or null. */
    private static String header(JsonNode exchange, String name) {
        for (JsonNode pair : exchange.path("requestHeaders"))
            if (pair.get(0).asText().equalsIgnoreCase(name)) return pair.get(1).asText();
        return null;
    }

    private static String header(String head, String name) {
        for (String line : head.split("\r\n")) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).trim().toLowerCase(Locale.ROOT).equals(name))
                return line.substring(colon + 1).trim();
        }
        return null;
    }

    private static String accept(String key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-1").digest((key + WS_GUID).getBytes(StandardCharsets.US_ASCII));
            return Base64.getEncoder().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
