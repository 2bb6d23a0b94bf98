package dev.localhome.bootstrap.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.localhome.adapters.netty.testing.RawBackend;
import dev.localhome.adapters.netty.testing.RawConnection;
import dev.localhome.adapters.netty.testing.SystemTools;
import dev.localhome.adapters.netty.testing.WsFrames;
import dev.localhome.bootstrap.e2e.InterceptedHttpsEndToEndTest.Curl;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * TLS on the daemon's own port, told from plain HTTP by its first byte on the same listener: curl verifies the leaf
 * for {@code <name>.localhost} against the test CA and reaches a real backend over HTTP/1.1 and h2 (and a WebSocket
 * over HTTP/1.1, the JDK's TLS verifying the same leaf), while plain HTTP
 * keeps working on that port. A host that routes nowhere gets no certificate, and without a CA a handshake is closed.
 */
class OwnPortHttpsEndToEndTest {
    @RegisterExtension
    static final DaemonWithBackend started = DaemonWithBackend.withCa();

    @TempDir
    static Path directory;

    @BeforeAll
    static void curlIsThere() {
        SystemTools.require("curl", "curl");
    }

    private static Curl.Result curl(RunningDaemon daemon, String host, String... arguments) throws IOException {
        String[] all = new String[arguments.length + 4];
        all[0] = "--resolve";
        all[1] = host + ":" + daemon.port() + ":127.0.0.1";
        all[2] = "--cacert";
        all[3] = daemon.rootPem().toString();
        System.arraycopy(arguments, 0, all, 4, arguments.length);
        return Curl.run(all);
    }

    @Test
    void httpsToTheNameOnTheDaemonsPortReachesTheBackendOverHttp1WithAVerifiedLeaf(RunningDaemon daemon,
                                                                                  BackendProcess app) throws IOException {
        String host = app.name() + ".localhost";
        Curl.Result result = curl(daemon, host, "--http1.1", "https://" + host + ":" + daemon.port() + "/headers");

        assertThat(result.exitCode()).as("curl exit code; stderr: %s", result.stderr()).isZero();
        assertThat(result.stdout()).startsWith("GET /headers\n")
                .contains("host: " + host + ":" + daemon.port() + "\n")
                .contains("x-forwarded-proto: https\n");
    }

    @Test
    void httpsToTheNameOnTheDaemonsPortSpeaksH2ByAlpn(RunningDaemon daemon, BackendProcess app) throws IOException {
        String host = app.name() + ".localhost";
        Curl.Result result = curl(daemon, host, "--http2", "--write-out", "\n%{http_version}",
                "https://" + host + ":" + daemon.port() + "/");

        assertThat(result.exitCode()).as("curl exit code; stderr: %s", result.stderr()).isZero();
        assertThat(result.stdout()).isEqualTo("hello from " + app.name() + "\n2");
    }

    @Test
    void aWebSocketUpgradeOverHttp1OnTheDaemonsPortEchoesFrames(RunningDaemon daemon, BackendProcess app) throws Exception {
        String host = app.name() + ".localhost";
        try (Socket plain = new Socket("127.0.0.1", daemon.port());
             SSLSocket tls = (SSLSocket) daemon.trustingTheCa().getSocketFactory().createSocket(plain, host, daemon.port(), true)) {
            SSLParameters parameters = tls.getSSLParameters();
            parameters.setEndpointIdentificationAlgorithm("HTTPS"); // the leaf must name the host
            parameters.setApplicationProtocols(new String[] {"http/1.1"});
            tls.setSSLParameters(parameters);
            tls.setSoTimeout(20_000);
            OutputStream out = tls.getOutputStream();
            InputStream in = tls.getInputStream();
            out.write(("GET /ws HTTP/1.1\r\nHost: " + host + ":" + daemon.port() + "\r\nUpgrade: websocket\r\n"
                    + "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            assertThat(RawBackend.readHead(in)).startsWith("HTTP/1.1 101");

            out.write(WsFrames.frame(WsFrames.TEXT, "hello over wss".getBytes(StandardCharsets.UTF_8), true));
            out.flush();
            assertThat(new String(WsFrames.read(in).payload(), StandardCharsets.UTF_8)).isEqualTo("hello over wss");
        }
    }

    @Test
    void plainHttpKeepsWorkingOnTheSamePort(RunningDaemon daemon, BackendProcess app) throws IOException {
        String host = app.name() + ".localhost";
        Curl.Result result = curl(daemon, host, "http://" + host + ":" + daemon.port() + "/");

        assertThat(result.exitCode()).as("curl exit code; stderr: %s", result.stderr()).isZero();
        assertThat(result.stdout()).isEqualTo("hello from " + app.name());
    }

    @Test
    void theDashboardAnswersOverHttpsAtLocalhost(RunningDaemon daemon) throws IOException {
        Curl.Result result = curl(daemon, "localhost", "--write-out", "\n%{http_code}",
                "https://localhost:" + daemon.port() + "/");

        assertThat(result.exitCode()).as("curl exit code; stderr: %s", result.stderr()).isZero();
        assertThat(result.stdout()).endsWith("\n200").contains("localhome");
    }

    @Test
    void aHostThatRoutesNowhereGetsNoCertificate(RunningDaemon daemon) throws IOException {
        String host = "nope-" + System.nanoTime() + ".localhost";
        Curl.Result result = curl(daemon, host, "https://" + host + ":" + daemon.port() + "/");

        assertThat(result.exitCode()).as("curl must fail the handshake; stdout: %s", result.stdout()).isNotZero();
        assertThat(result.stdout()).isEmpty();
    }

    @Test
    void withoutACaATlsHandshakeIsClosedWithoutAByte() throws Exception {
        try (RunningDaemon daemon = RunningDaemon.withoutCa(directory.resolve("no-ca"));
             RawConnection raw = new RawConnection(daemon.port())) {
            raw.send(new byte[] {22, 3, 1, 0, 5, 1, 0, 0, 1, 0}); // the start of a ClientHello

            assertThat(raw.closedWithoutBytes()).isTrue();
        }
    }
}
