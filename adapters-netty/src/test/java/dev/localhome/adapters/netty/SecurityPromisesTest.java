package dev.localhome.adapters.netty;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import dev.localhome.adapters.netty.testing.LogCapture;
import dev.localhome.adapters.netty.testing.ProxyUnderTest;
import dev.localhome.adapters.netty.testing.RawBackend;
import dev.localhome.adapters.netty.testing.RawConnection;
import dev.localhome.adapters.netty.testing.TestBackend;
import dev.localhome.adapters.netty.testing.TestCa;
import dev.localhome.domain.ServiceName;
import dev.localhome.domain.port.CertificateAuthority;
import dev.localhome.domain.port.RootCertificate;
import dev.localhome.domain.port.TlsIdentity;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.stream.Stream;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The promises of SECURITY.md that only the running proxy can prove: each test is named there. */
class SecurityPromisesTest {
    private static final String SECRET = "s3cr3t-do-not-log";
    @TempDir
    static Path caDirectory;
    private static TestBackend backend;
    private static TestCa ca;
    private static final Queue<ServiceName> minted = new ConcurrentLinkedQueue<>();
    private static ProxyUnderTest proxy;

    @BeforeAll
    static void start() throws Exception {
        backend = TestBackend.start(0, "app");
        ca = new TestCa(caDirectory);
        CertificateAuthority real = ca.authority();
        CertificateAuthority counting = new CertificateAuthority() {
            @Override
            public Optional<RootCertificate> root() {
                return real.root();
            }

            @Override
            public TlsIdentity identityFor(ServiceName name) {
                minted.add(name);
                return real.identityFor(name);
            }
        };
        proxy = new ProxyUnderTest(counting);
        proxy.services.put("app", backend.port());
    }

    @AfterAll
    static void stop() {
        proxy.close();
        backend.close();
    }

    @BeforeEach
    void forgetMinted() {
        minted.clear();
    }

    // --- the CA key -----------------------------------------------------------------------------------------------

    @Test
    void leavesAreMintedOnlyForNamesThatRoute() throws Exception {
        for (String target : List.of("nope:443", "example.com:443", "127.0.0.1:443", "[::1]:443", "www.google.com:443",
                "app.evil.com:443", "localhost:443")) {
            try (RawConnection raw = new RawConnection(proxy.port())) {
                raw.send("CONNECT " + target + " HTTP/1.1\r\nHost: " + target + "\r\n\r\n");
                assertThat(raw.closedWithoutBytes()).as("CONNECT %s", target).isTrue();
            }
        }
        assertThat(minted).as("leaves minted for names that do not route").isEmpty();
        proxy.services.put("fresh", backend.port()); // a name no other test has minted for (leaves are cached)
        try (RawConnection raw = new RawConnection(proxy.port())) {
            raw.send("CONNECT fresh:443 HTTP/1.1\r\nHost: fresh:443\r\n\r\n");
            assertThat(raw.readHead()).startsWith("HTTP/1.1 200");
        } finally {
            proxy.services.remove("fresh");
        }
        assertThat(minted).containsOnly(new ServiceName("fresh"));
    }

    @Test
    void tlsOnTheDaemonsOwnPortMintsLeavesOnlyForHostsThatRoute() throws Exception {
        for (String sni : List.of("nope.localhost", "example.com", "bank.example.com", "9.app.localhost")) {
            assertThat(handshakesOnTheOwnPort(sni)).as("a handshake on the daemon's port for SNI %s", sni).isFalse();
        }
        assertThat(minted).as("leaves minted for hosts that do not route").isEmpty();
        proxy.services.put("fresh2", backend.port()); // a name no other test has minted for (leaves are cached)
        try {
            assertThat(handshakesOnTheOwnPort("fresh2.localhost")).isTrue();
        } finally {
            proxy.services.remove("fresh2");
        }
        assertThat(minted).containsOnly(new ServiceName("fresh2.localhost"));
    }

    /** Whether a TLS handshake naming {@code sni}, straight to the daemon's own port, completes. */
    private static boolean handshakesOnTheOwnPort(String sni) throws Exception {
        SSLContext trustingAll = SSLContext.getInstance("TLS");
        trustingAll.init(null, new TrustManager[] {new AcceptingEverything()}, null);
        try (SSLSocket tls = (SSLSocket) trustingAll.getSocketFactory().createSocket("127.0.0.1", proxy.port())) {
            tls.setSoTimeout(10_000);
            SSLParameters parameters = tls.getSSLParameters();
            parameters.setServerNames(List.of(new SNIHostName(sni)));
            tls.setSSLParameters(parameters);
            tls.startHandshake();
            return true;
        } catch (IOException refused) {
            return false;
        }
    }

    @Test
    void everyLeafOfARunSharesOneKey() {
        CertificateAuthority authority = ca.authority();
        TlsIdentity app = authority.identityFor(new ServiceName("app"));
        TlsIdentity api = authority.identityFor(new ServiceName("api.shop"));
        assertThat(api.key()).isEqualTo(app.key());
        assertThat(api.leaf()).isNotEqualTo(app.leaf());
    }

    @Test
    void aClientHelloForAnotherHostClosesTheTunnel() throws Exception {
        try (RawConnection raw = new RawConnection(proxy.port())) {
            raw.send("CONNECT app:443 HTTP/1.1\r\nHost: app:443\r\n\r\n");
            assertThat(raw.readHead()).startsWith("HTTP/1.1 200");
            SSLContext trustingAll = SSLContext.getInstance("TLS");
            trustingAll.init(null, new TrustManager[] {new AcceptingEverything()}, null);
            try (SSLSocket tls = (SSLSocket) trustingAll.getSocketFactory().createSocket(raw.socket(), "127.0.0.1", proxy.port(), false)) {
                SSLParameters parameters = tls.getSSLParameters();
                parameters.setServerNames(List.of(new SNIHostName("bank.example.com")));
                tls.setSSLParameters(parameters);
                boolean handshook;
                try {
                    tls.startHandshake();
                    handshook = true;
                } catch (IOException refused) {
                    handshook = false;
                }
                assertThat(handshook).as("a handshake for SNI bank.example.com in a tunnel for app").isFalse();
            }
        }
    }

    // --- never an open proxy ----------------------------------------------------------------------------------------

    @Test
    void theProxyConnectsNowhereButTheDiscoveredEndpoints() throws Exception {
        try (RawBackend bystander = RawBackend.start((socket, in, out) -> RawBackend.write(out, "HTTP/1.1 200 OK\r\nContent-Length: 9\r\n\r\nbystander"))) {
            int port = bystander.port();
            List<String> requests = List.of(
                    "GET http://127.0.0.1:" + port + "/ HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\n\r\n",
                    "GET http://localhost:" + port + "/ HTTP/1.1\r\nHost: localhost:" + port + "\r\n\r\n",
                    "GET http://[::1]:" + port + "/ HTTP/1.1\r\nHost: [::1]:" + port + "\r\n\r\n",
                    "GET http://127.0.0.2:" + port + "/ HTTP/1.1\r\nHost: x\r\n\r\n",
                    "GET http://nope:" + port + "/ HTTP/1.1\r\nHost: nope:" + port + "\r\n\r\n",
                    "CONNECT 127.0.0.1:" + port + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\n\r\n",
                    "CONNECT localhost:" + port + " HTTP/1.1\r\nHost: localhost:" + port + "\r\n\r\n",
                    "CONNECT nope:" + port + " HTTP/1.1\r\nHost: nope:" + port + "\r\n\r\n",
                    "GET / HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\n\r\n",
                    "GET / HTTP/1.1\r\nHost: nope.localhost:" + port + "\r\n\r\n",
                    // app runs, but does not listen on the bystander's port: a name never reaches another's port
                    "GET http://app:" + port + "/ HTTP/1.1\r\nHost: app:" + port + "\r\n\r\n",
                    "CONNECT app:" + port + " HTTP/1.1\r\nHost: app:" + port + "\r\n\r\n",
                    "GET / HTTP/1.1\r\nHost: " + port + ".app.localhost\r\n\r\n",
                    "GET / HTTP/1.1\r\nHost: a." + port + ".app.localhost\r\n\r\n");
            for (String request : requests) {
                try (RawConnection raw = new RawConnection(proxy.port())) {
                    raw.socket().setSoTimeout(3_000);
                    raw.send(request + "");
                    String answer = readSome(raw);
                    assertThat(answer).as(request.lines().findFirst().orElseThrow()).doesNotContain("bystander");
                }
            }
            assertThat(bystander.accepted()).as("connections the proxy opened to an undiscovered port").isZero();
        }
    }

    // --- DNS rebinding ----------------------------------------------------------------------------------------------

    static Stream<String> rebindingHosts() {
        return Stream.of("evil.example", "localhost.evil.example", "127.0.0.1.nip.io", "app.localhost.evil.example",
                "evil.example:" + 9090);
    }

    @ParameterizedTest(name = "Host: {0} gets a 403 for every local page")
    @MethodSource("rebindingHosts")
    void aPageRebindingItsNameToLoopbackGetsNothingButA403(String host) throws Exception {
        for (String path : List.of("/", "/api/services", "/api/status", "/proxy.pac")) {
            try (RawConnection raw = new RawConnection(proxy.port())) {
                raw.send("GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n");
                String answer = new String(raw.readUntilClosed(), StandardCharsets.UTF_8);
                assertThat(answer).as("%s %s", host, path).startsWith("HTTP/1.1 403").doesNotContain("hello from app")
                        .doesNotContain("\"services\"").doesNotContain("FindProxyForURL").doesNotContain(":" + backend.port());
            }
        }
    }

    // --- secrets in logs --------------------------------------------------------------------------------------------

    @Test
    void logsNeverCarryAuthorizationCookiesOrBodiesEvenAtTrace() throws Exception {
        int refusing;
        try (ServerSocket free = new ServerSocket(0)) {
            refusing = free.getLocalPort();
        }
        proxy.services.put("gone", refusing);
        try (LogCapture logs = new LogCapture()) {
            Level before = logs.setLevel("dev.localhome", Level.TRACE);
            try {
                String secrets = "Authorization: Bearer " + SECRET + "\r\nCookie: session=" + SECRET + "\r\n"
                        + "Proxy-Authorization: Basic " + SECRET + "\r\n";
                List<String> requests = List.of(
                        "GET /headers HTTP/1.1\r\nHost: app.localhost\r\n" + secrets + "\r\n",
                        "POST /upload HTTP/1.1\r\nHost: app.localhost\r\n" + secrets + "Content-Length: " + SECRET.length() + "\r\n\r\n" + SECRET,
                        "GET / HTTP/1.1\r\nHost: nope.localhost\r\n" + secrets + "\r\n",
                        "GET / HTTP/1.1\r\nHost: gone.localhost\r\n" + secrets + "\r\n",
                        "GET / HTTP/1.1\r\nHost: evil.example\r\n" + secrets + "\r\n",
                        "GET /api/services HTTP/1.1\r\nHost: localhost\r\n" + secrets + "\r\n",
                        "GET http://app/x HTTP/1.1\r\nHost: app\r\n" + secrets + "\r\n",
                        "CONNECT nope:443 HTTP/1.1\r\nHost: nope:443\r\n" + secrets + "\r\n",
                        // malformed: the parser's complaint must not quote the secret
                        "GET / HTTP/1.1\r\nHost: app.localhost\r\nAuthorization: Bearer " + SECRET + "\u0001\r\n\r\n",
                        "GET / HTTP/1.1\r\nHost: app.localhost\r\nCookie: " + SECRET + "\u0000x\r\n\r\n",
                        "GET / HTTP/1.1\r\nHost: app.localhost\r\nAuthorization " + SECRET + "\r\n\r\n",
                        "GET / HTTP/1.1\r\nHost: app.localhost\r\nCookie: " + SECRET + "x".repeat(70_000) + "\r\n\r\n");
                for (String request : requests) {
                    try (RawConnection raw = new RawConnection(proxy.port())) {
                        raw.socket().setSoTimeout(500);
                        try {
                            raw.send(request);
                        } catch (IOException closedEarly) {
                            // a 431 may close before the whole head is sent
                        }
                        readSome(raw);
                    }
                }
                // the last debug lines of closing connections come from the daemon's threads: wait until they stop
                assertThat(logs.awaitQuiet(java.time.Duration.ofMillis(300), java.time.Duration.ofSeconds(5)))
                        .as("the daemon's logging settled").isTrue();
            } finally {
                logs.setLevel("dev.localhome", before);
            }
            List<String> leaks = logs.matching(SecurityPromisesTest::mentionsTheSecret).stream().map(LogCapture::describe).toList();
            assertThat(logs.events()).as("something was logged at TRACE").isNotEmpty();
            assertThat(leaks).as("log lines with a secret").isEmpty();
        } finally {
            proxy.services.remove("gone");
        }
    }

    private static boolean mentionsTheSecret(ILoggingEvent event) {
        return LogCapture.describe(event).contains(SECRET);
    }

    /** What arrives until the proxy closes or stays quiet for the socket's timeout. */
    private static String readSome(RawConnection raw) throws IOException {
        StringBuilder text = new StringBuilder();
        byte[] buffer = new byte[8192];
        try {
            for (int n; (n = raw.socket().getInputStream().read(buffer)) >= 0; ) {
                text.append(new String(buffer, 0, n, StandardCharsets.ISO_8859_1));
                if (text.indexOf("\r\n\r\n") >= 0 && text.length() > 200) break;
            }
        } catch (java.net.SocketTimeoutException | java.net.SocketException quietOrReset) {
            // the answer, if any, is in
        }
        return text.toString();
    }

    private static final class AcceptingEverything implements X509TrustManager {
        @Override
        public void checkClientTrusted(java.security.cert.X509Certificate[] chain, String authType) {}

        @Override
        public void checkServerTrusted(java.security.cert.X509Certificate[] chain, String authType) {}

        @Override
        public java.security.cert.X509Certificate[] getAcceptedIssuers() {
            return new java.security.cert.X509Certificate[0];
        }
    }
}
