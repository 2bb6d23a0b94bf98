package dev.localhome.bootstrap.e2e;

import dev.localhome.adapters.netty.testing.SystemTools;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.localhome.adapters.netty.testing.RawConnection;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.ProxySelector;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * HTTPS interception inline on the CONNECT socket, with real clients: the JDK {@code HttpClient} configured
 * like a browser behind the PAC file (it speaks CONNECT and TLS, and verifies host names), raw TLS over a hand-made
 * tunnel, and curl.
 */
class InterceptedHttpsEndToEndTest {
    @RegisterExtension
    static final DaemonWithBackend started = DaemonWithBackend.withCa();

    private static HttpRequest.Builder https(String name, String path) {
        return HttpRequest.newBuilder(URI.create("https://" + name + path)).timeout(Duration.ofSeconds(20));
    }

    @Test
    void httpsToANameReturnsTheBackendsAnswerWithACertificateVerifiedForThatName(
            RunningDaemon daemon, BackendProcess app, HttpClient browser) throws Exception {
        HttpResponse<String> response = browser.send(https(app.name(), "/").build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("hello from " + app.name());
        X509Certificate leaf = (X509Certificate) response.sslSession().orElseThrow().getPeerCertificates()[0];
        assertThat(Tls.dnsNames(leaf)).containsExactly(app.name());
        assertThat(leaf.getIssuerX500Principal()).isEqualTo(daemon.root().getSubjectX500Principal());
    }

    @Test
    void theBackendSeesLocalhostAsHostHttpsAsForwardedProtoAndALocalhostOrigin(BackendProcess app, HttpClient browser)
            throws Exception {
        HttpRequest request = https(app.name(), "/headers").header("Origin", "https://" + app.name()).build();

        HttpResponse<String> response = browser.send(request, HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body())
                .startsWith("GET /headers\n")
                .contains("host: localhost:" + app.port() + "\n")
                .contains("x-forwarded-proto: https\n")
                .contains("origin: http://localhost:" + app.port() + "\n");
    }

    @Test
    void severalRequestsOfTheJdkClientShareOneTunnel(RunningDaemon daemon, BackendProcess app) throws Exception {
        try (SocketRelay relay = SocketRelay.toPort(daemon.port())) {
            HttpClient client = HttpClient.newBuilder()
                    .proxy(ProxySelector.of(new InetSocketAddress("127.0.0.1", relay.port())))
                    .sslContext(daemon.trustingTheCa())
                    .build();

            for (int i = 0; i < 3; i++) {
                HttpResponse<String> response = client.send(https(app.name(), "/n" + i).build(), HttpResponse.BodyHandlers.ofString());
                assertThat(response.statusCode()).isEqualTo(200);
            }

            assertThat(relay.connections()).isEqualTo(1);
        }
    }

    @Test
    void everyRequestOnOneTunnelGetsItsHostRewritten(RunningDaemon daemon, BackendProcess app) throws Exception {
        try (RawConnection tunnel = Tunnels.open(daemon.port(), app.name() + ":443");
             SSLSocket tls = Tls.handshake(tunnel.socket(), daemon.trustingTheCa(), app.name(), true, Optional.empty())) {
            for (int i = 1; i <= 3; i++) {
                Http1.Response response = Http1.get(tls.getInputStream(), tls.getOutputStream(), app.name(), "/headers?i=" + i);

                assertThat(response.status()).isEqualTo(200);
                assertThat(response.text())
                        .startsWith("GET /headers?i=" + i + "\n")
                        .contains("host: localhost:" + app.port() + "\n")
                        .contains("x-forwarded-proto: https\n");
            }
        }
    }

    @Test
    void aWebSocketOverWssEchoesTextAndBinaryFrames(RunningDaemon daemon, BackendProcess app) throws Exception {
        // a client of its own: the JDK would otherwise upgrade a pooled tunnel; a browser opens a new one
        try (WebSocketEcho ws = WebSocketEcho.open(daemon.browser(), URI.create("wss://" + app.name() + "/ws"))) {
            assertThat(ws.roundTrip("hello over wss")).isEqualTo("hello over wss");
            byte[] binary = {0, 1, 2, (byte) 0x80, (byte) 0xff};
            assertThat(ws.roundTrip(binary)).containsExactly(binary);
            // larger than one TLS record with its frame header; the JDK splits text past 16 384 characters into
            // continuation frames, which the test backend does not echo, so this stays below that
            String large = "0123456789".repeat(1_600);
            assertThat(ws.roundTrip(large).equals(large)).as("a 16 000-character message comes back unchanged").isTrue();
        }
    }

    @Test
    void theDaemonsOwnNameServesTheDashboardOverTls(BackendProcess app, HttpClient browser) throws Exception {
        browser.send(https(app.name(), "/").build(), HttpResponse.BodyHandlers.discarding()); // app is in the catalog

        HttpResponse<String> response = browser.send(https("home", "/").build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("content-type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
        assertThat(response.body()).contains(app.name());
        X509Certificate leaf = (X509Certificate) response.sslSession().orElseThrow().getPeerCertificates()[0];
        assertThat(Tls.dnsNames(leaf)).containsExactly("home");
    }

    @Test
    void bytesThatAreNotTlsCloseThatTunnelAndTheNextClientIsServed(
            RunningDaemon daemon, BackendProcess app, HttpClient browser) throws Exception {
        try (RawConnection tunnel = Tunnels.open(daemon.port(), app.name() + ":443")) {
            tunnel.send("GET / HTTP/1.1\r\nHost: " + app.name() + "\r\n\r\n");

            byte[] answer = tunnel.readUntilClosed(); // throws if the tunnel stays open past the socket timeout
            assertThat(new String(answer, StandardCharsets.ISO_8859_1)).doesNotContain("HTTP/1.1");
        }

        HttpResponse<String> next = browser.send(https(app.name(), "/").build(), HttpResponse.BodyHandlers.ofString());
        assertThat(next.body()).isEqualTo("hello from " + app.name());
    }

    @Test
    void aClientHelloNamingAnotherHostCannotGetACertificateForThatHost(RunningDaemon daemon, BackendProcess app)
            throws Exception {
        try (RawConnection tunnel = Tunnels.open(daemon.port(), app.name() + ":443")) {
            assertThatThrownBy(() -> Tls.handshake(tunnel.socket(), daemon.trustingTheCa(), "other", true, Optional.of("other")))
                    .isInstanceOf(SSLHandshakeException.class);
        }
    }

    @Test
    void aClientHelloNamingAnotherHostGetsNoHandshakeAtAll(RunningDaemon daemon, BackendProcess app) throws Exception {
        for (String sni : List.of("other", "other.example.com")) {
            try (RawConnection tunnel = Tunnels.open(daemon.port(), app.name() + ":443")) {
                assertThatThrownBy(() -> Tls.handshake(tunnel.socket(), daemon.trustingTheCa(), sni, false, Optional.of(sni)))
                        .as("a handshake for SNI %s in a tunnel for %s", sni, app.name())
                        .isInstanceOf(SSLHandshakeException.class);
            }
        }
    }

    @Test
    void curlAsASecondClientGetsTheBackendsAnswerOverVerifiedHttps(RunningDaemon daemon, BackendProcess app)
            throws Exception {
        SystemTools.require("curl", "curl");

        Curl.Result result = Curl.run("--proxy", "http://127.0.0.1:" + daemon.port(), "--cacert", daemon.rootPem().toString(),
                "https://" + app.name() + "/");

        assertThat(result.exitCode()).as("curl exit code; stderr: %s", result.stderr()).isZero();
        assertThat(result.stdout()).isEqualTo("hello from " + app.name());
    }

    /** curl as a second client, with no proxy or CA settings from the environment running the test. */
    static final class Curl {
        record Result(int exitCode, String stdout, String stderr) {}

        static boolean installed() {
            try {
                return run("--version").exitCode() == 0;
            } catch (IOException e) {
                return false;
            }
        }

        static Result run(String... arguments) throws IOException {
            List<String> command = new java.util.ArrayList<>(List.of("curl", "--silent", "--show-error", "--max-time", "20"));
            command.addAll(List.of(arguments));
            Path stderr = Files.createTempFile("curl", ".err");
            try {
                ProcessBuilder builder = new ProcessBuilder(command).redirectError(stderr.toFile());
                String path = System.getenv("PATH");
                builder.environment().clear();
                builder.environment().put("PATH", path == null ? "/usr/bin:/bin" : path);
                Process curl = builder.start();
                curl.getOutputStream().close();
                String out;
                try (InputStream stdout = curl.getInputStream()) {
                    out = new String(stdout.readAllBytes(), StandardCharsets.UTF_8);
                }
                if (!curl.waitFor(30, TimeUnit.SECONDS)) {
                    curl.destroyForcibly();
                    throw new IOException("curl did not finish");
                }
                return new Result(curl.exitValue(), out, Files.readString(stderr));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException(e);
            } finally {
                Files.deleteIfExists(stderr);
            }
        }
    }
}
