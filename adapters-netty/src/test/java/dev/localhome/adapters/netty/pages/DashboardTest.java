package dev.localhome.adapters.netty.pages;

import dev.localhome.adapters.netty.inbound.ProxyLimits;

import static org.assertj.core.api.Assertions.assertThat;

import dev.localhome.adapters.netty.testing.ProxyUnderTest;
import dev.localhome.adapters.netty.testing.TestCa;
import dev.localhome.application.DaemonFacts;
import dev.localhome.domain.Container;
import dev.localhome.domain.ProcessInfo;
import java.net.InetSocketAddress;
import java.net.ProxySelector;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The dashboard at {@code localhost:<port>}, {@code http://home/} and {@code https://home/}, with and without a CA. */
class DashboardTest {
    private static final String HOSTILE = "node server.js --token=abc123 <script>alert(1)</script> \"><img src=x onerror=alert(2)>";
    private static final HttpClient client = HttpClient.newHttpClient();
    @TempDir
    static Path caDirectory;
    private static ProxyUnderTest plain;
    private static ProxyUnderTest intercepting;
    private static TestCa ca;

    @BeforeAll
    static void start() throws Exception {
        plain = ProxyUnderTest.withoutCa();
        plain.services.put("app", 3000);
        plain.morePorts.put("app", List.of(9229));
        plain.processes.put("app", new ProcessInfo(4242, HOSTILE, "/home/ann/<b>app</b>",
                Optional.of(Instant.now().minusSeconds(125))));
        plain.services.put("api.shop", 3001);
        plain.services.put("ctr", 32768);
        plain.processes.put("ctr", new ProcessInfo(5151, "/bin/busybox httpd -f", "/", Optional.empty(),
                Optional.of(new Container("3f2a9c1b0d4e5f60718293a4b5c6d7e8", "web<1>", "busybox:\"1.36\""))));
        ca = new TestCa(caDirectory.resolve("ca"));
        DaemonFacts facts = new DaemonFacts("1.2.3", Instant.now(), "127.0.0.1", List.of("com.example.<Plugin>"),
                List.of(new DaemonFacts.TrustStep("Firefox profile <x>", "certutil -d sql:/p -A -t C,, -n localhome -i /ca.pem")));
        intercepting = new ProxyUnderTest(ca.authority(), ProxyLimits.defaults(), facts);
    }

    @AfterAll
    static void stop() {
        plain.close();
        intercepting.close();
    }

    private static HttpResponse<String> get(ProxyUnderTest proxy, String host, String path) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + proxy.port() + path))
                .header("Host", host).build();
        return client.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static String dashboard(ProxyUnderTest proxy) throws Exception {
        HttpResponse<String> response = get(proxy, "localhost:" + proxy.port(), "/");
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body();
    }

    @Test
    void listsEveryServiceWithLinksPortPidCommandDirectoryAndUptime() throws Exception {
        String page = dashboard(plain);
        int port = plain.port();

        assertThat(page)
                .contains("<td class=\"name\"><a class=\"inspect\" href=\"#requests=app\" title=\"see its requests live\">app</a></td>")
                .contains("href=\"http://app/\"")
                .contains("href=\"http://app.localhost:" + port + "/\"")
                .doesNotContain("https://app/") // no CA: no interception
                .contains("<td class=\"num ports\"><a class=\"port chosen\" href=\"http://3000.app.localhost:" + port
                        + "/\" title=\"http://app:3000/  http://3000.app.localhost:" + port + "/\">3000</a> "
                        + "<a class=\"port\" href=\"http://9229.app.localhost:" + port + "/\"")
                .contains("<td class=\"num\">4242</td>")
                .contains("/home/ann/&lt;b&gt;app&lt;/b&gt;")
                .containsPattern("<td class=\"num\">2m [0-9]+s</td>");
        assertThat(page).as("a nested name has no bare-name links")
                .contains("href=\"http://api.shop.localhost:" + port + "/\"")
                .doesNotContain("href=\"http://api.shop/\"");
        assertThat(page).as("no empty state when services run").contains("id=\"empty\" class=\"empty\" hidden");
    }

    @Test
    void escapesEverythingAProcessSaysAndHidesItsSecrets() throws Exception {
        String page = dashboard(plain);

        assertThat(page)
                .contains("node server.js --token=***")
                .doesNotContain("abc123")
                .doesNotContain("<script>alert(1)")
                .doesNotContain("<img src=x")
                .contains("&lt;script&gt;alert(1)&lt;/script&gt;")
                .contains("&quot;&gt;&lt;img src=x onerror=alert(2)&gt;");
        assertThat(Pattern.compile("<script").matcher(page).results().count()).as("only the dashboard's own script").isEqualTo(1);
    }

    @Test
    void aContainersNameImageAndShortIdStandBeforeItsCommandEscaped() throws Exception {
        String page = dashboard(plain);

        assertThat(page).contains("<span class=\"container\" title=\"container, image, id\">web&lt;1&gt; "
                + "(busybox:&quot;1.36&quot;, 3f2a9c1b0d4e)</span> <code>/bin/busybox httpd -f</code>");
        assertThat(get(plain, "localhost", "/api/services").body())
                .contains("\"container\":{\"name\":\"web<1>\",\"image\":\"busybox:\\\"1.36\\\"\",\"id\":\"3f2a9c1b0d4e\"}");
    }

    @Test
    void sendsAContentSecurityPolicyWhoseNonceOnlyItsOwnScriptCarries() throws Exception {
        HttpResponse<String> response = get(plain, "localhost:" + plain.port(), "/");

        String policy = response.headers().firstValue("Content-Security-Policy").orElseThrow();
        Matcher nonce = Pattern.compile("script-src 'nonce-([A-Za-z0-9+/=]+)'").matcher(policy);
        assertThat(nonce.find()).as(policy).isTrue();
        assertThat(policy).contains("default-src 'none'").contains("connect-src 'self'").contains("frame-ancestors 'none'");
        assertThat(response.body()).contains("<script nonce=\"" + nonce.group(1) + "\">");
        assertThat(response.headers().firstValue("X-Frame-Options")).contains("DENY");
        assertThat(response.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
        assertThat(response.headers().firstValue("Cross-Origin-Resource-Policy")).contains("same-origin");
        assertThat(get(plain, "localhost", "/").headers().firstValue("Content-Security-Policy").orElseThrow())
                .as("a fresh nonce per response").isNotEqualTo(policy);
    }

    @Test
    void isSelfContained() throws Exception {
        String page = dashboard(plain);

        assertThat(page).doesNotContainPattern("(src|href)=\"(https?:)?//(?!([0-9]+\\.)?(app|api\\.shop|ctr))")
                .doesNotContain("@import").doesNotContain("url(")
                .contains("prefers-color-scheme:dark");
    }

    @Test
    void withoutServicesSaysHowToStartOne() throws Exception {
        try (ProxyUnderTest empty = ProxyUnderTest.withoutCa()) {
            String page = dashboard(empty);

            assertThat(page).contains("<div id=\"empty\" class=\"empty\">").contains("NAME=app npm run dev")
                    .contains("<table id=\"services\" hidden>");
        }
    }

    @Test
    void withoutACaSaysInterceptionIsOffAndHowToTurnItOn() throws Exception {
        assertThat(dashboard(plain)).contains("HTTPS <span class=\"badge off\">off</span>").contains("localhome ca init")
                .contains("http://127.0.0.1:" + plain.port() + "/proxy.pac")
                .contains("--proxy-pac-url=http://127.0.0.1:" + plain.port() + "/proxy.pac")
                .contains("<code>extension/</code>");
    }

    @Test
    void withACaShowsItsFingerprintAndTheStepsToTrustIt() throws Exception {
        intercepting.services.put("app", 3000);
        try {
            String page = dashboard(intercepting);
            String fingerprint = ca.authority().root().orElseThrow().sha256Fingerprint();

            assertThat(page).contains("HTTPS <span class=\"badge on\">on</span>")
                    .contains(fingerprint)
                    .contains(Html.escape(ca.authority().root().orElseThrow().location().toString()))
                    .contains("Firefox profile &lt;x&gt;")
                    .contains("certutil -d sql:/p -A -t C,, -n localhome -i /ca.pem")
                    .contains("com.example.&lt;Plugin&gt;")
                    .contains("1.2.3");
            assertThat(page.indexOf("href=\"https://app/\"")).as("https first").isPositive()
                    .isLessThan(page.indexOf("href=\"http://app/\""));
        } finally {
            intercepting.services.remove("app");
        }
    }

    @Test
    void answersAtTheDaemonsOwnNameThroughTheProxyAndOverTls() throws Exception {
        HttpClient proxied = HttpClient.newBuilder()
                .proxy(ProxySelector.of(new InetSocketAddress("127.0.0.1", plain.port()))).build();
        HttpResponse<String> bare = proxied.send(HttpRequest.newBuilder(URI.create("http://home/")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(bare.statusCode()).isEqualTo(200);
        assertThat(bare.body()).contains("<h1>localhome</h1>").contains("<td class=\"name\"><a class=\"inspect\" href=\"#requests=app\" title=\"see its requests live\">app</a></td>");

        HttpResponse<String> secure = ca.clientThrough(intercepting.port()).build().send(
                HttpRequest.newBuilder(URI.create("https://home/")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(secure.statusCode()).isEqualTo(200);
        assertThat(secure.body()).contains("<h1>localhome</h1>");
        assertThat(secure.headers().firstValue("Content-Security-Policy")).isPresent();
    }

    @Test
    void answersOnlyToTheDaemonsOwnHosts() throws Exception {
        assertThat(get(plain, "evil.example:" + plain.port(), "/").statusCode()).isEqualTo(403);
        assertThat(get(plain, "evil.example", "/api/services").statusCode()).isEqualTo(403);
        assertThat(get(plain, "evil.example", "/api/status").statusCode()).isEqualTo(403);
        assertThat(get(plain, "home", "/").statusCode()).isEqualTo(200);
        assertThat(get(plain, "127.0.0.1:" + plain.port(), "/api/services").statusCode()).isEqualTo(200);
    }
}
