package dev.localhome.bench.loadgen;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.localhome.adapters.netty.testing.ProxyUnderTest;
import dev.localhome.adapters.netty.testing.TestBackend;
import dev.localhome.adapters.netty.testing.TestCa;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each kind of failure is counted under its own name, the connection is replaced, and the run still ends with 0. */
class ErrorsTest {
    @TempDir
    Path directory;

    @Test
    void aBackendThatHangsUpMidExchangeCountsAsClosed() throws Exception {
        try (TestBackend backend = TestBackend.start(0, "bench")) {
            JsonNode json = run("--mode", "direct", "--server", "127.0.0.1:" + backend.port(), "--path", "/hang-up",
                    "--count", "5", "--concurrency", "1");
            assertThat(json.get("errors").get("closed").asLong()).isEqualTo(5);
            assertThat(json.get("requests").asLong()).isZero();
            assertThat(json.get("connections").asLong()).isEqualTo(5);
        }
    }

    @Test
    void anErrorStatusCountsAsBadStatus() throws Exception {
        try (ProxyUnderTest proxy = ProxyUnderTest.withoutCa()) {
            // no service named nope: the proxy answers with an error page
            JsonNode json = run("--mode", "reverse", "--server", "127.0.0.1:" + proxy.port(), "--name", "nope",
                    "--count", "3", "--concurrency", "1");
            assertThat(json.get("errors").get("bad_status").asLong()).isEqualTo(3);
        }
    }

    @Test
    void aCertificateFromAnotherCaCountsAsTls() throws Exception {
        TestCa proxyCa = new TestCa(directory.resolve("proxy-ca"));
        new TestCa(directory.resolve("other-ca"));
        try (TestBackend backend = TestBackend.start(0, "bench"); ProxyUnderTest proxy = new ProxyUnderTest(proxyCa.authority())) {
            proxy.services.put("bench", backend.port());
            JsonNode json = run("--mode", "mitm", "--server", "127.0.0.1:" + proxy.port(),
                    "--ca", directory.resolve("other-ca/rootCA.pem").toString(), "--count", "2", "--concurrency", "1");
            assertThat(json.get("errors").get("tls").asLong()).isEqualTo(2);
            assertThat(json.get("connections").asLong()).isZero();
        }
    }

    @Test
    void aCertificateForAnotherNameCountsAsTls() throws Exception {
        try (TestBackend tls = TestBackend.startTls(0, "bench")) {
            Path pem = PeerCertificate.save("127.0.0.1", tls.port(), directory.resolve("localhost.pem"));
            JsonNode json = run("--mode", "tls", "--server", "127.0.0.1:" + tls.port(), "--name", "bench", "--ca", pem.toString(),
                    "--count", "1", "--concurrency", "1");
            assertThat(json.get("errors").get("tls").asLong()).isEqualTo(1);
        }
    }

    @Test
    void aRefusedConnectionCountsAsConnect() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        JsonNode json = run("--mode", "direct", "--server", "127.0.0.1:" + closedPort, "--count", "3", "--concurrency", "1");
        assertThat(json.get("errors").get("connect").asLong()).isEqualTo(3);
    }

    @Test
    void aServerThatNeverAnswersCountsAsTimeout() throws Exception {
        // the kernel accepts into the backlog; nobody ever reads or answers
        try (ServerSocket silent = new ServerSocket(0, 10, InetAddress.getLoopbackAddress())) {
            JsonNode json = run("--mode", "direct", "--server", "127.0.0.1:" + silent.getLocalPort(), "--timeout", "200ms",
                    "--count", "2", "--concurrency", "1");
            assertThat(json.get("errors").get("timeout").asLong()).isEqualTo(2);
        }
    }

    @Test
    void aConnectionResetCountsAsReset() throws Exception {
        try (ServerSocket resetting = new ServerSocket(0, 10, InetAddress.getLoopbackAddress())) {
            Thread server = new Thread(() -> resetAfterReading(resetting, 2), "resetting-server");
            server.start();
            JsonNode json = run("--mode", "direct", "--server", "127.0.0.1:" + resetting.getLocalPort(),
                    "--count", "2", "--concurrency", "1");
            server.join(10_000);
            assertThat(json.get("errors").get("reset").asLong()).isEqualTo(2);
        }
    }

    /** Reads a request's first bytes, then closes with SO_LINGER 0: the kernel answers with RST, not FIN. */
    private static void resetAfterReading(ServerSocket listener, int connections) {
        for (int i = 0; i < connections; i++) {
            try (Socket socket = listener.accept()) {
                InputStream in = socket.getInputStream();
                in.read(new byte[1024]);
                socket.setSoLinger(true, 0);
            } catch (java.io.IOException e) {
                return;
            }
        }
    }

    private static JsonNode run(String... args) throws Exception {
        Cli cli = Cli.run(args);
        assertThat(cli.status()).as(cli.toString()).isZero();
        return cli.json();
    }
}
