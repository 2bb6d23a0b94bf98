package dev.localhome.bench.loadgen;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.localhome.adapters.netty.testing.ProxyUnderTest;
import dev.localhome.adapters.netty.testing.TestBackend;
import dev.localhome.adapters.netty.testing.TestCa;
import dev.localhome.domain.ServiceName;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every mode, bounded by --count, against the real proxy, test backend and test CA: no errors, every request. */
class ModesTest {
    private static final int COUNT = 300;
    @TempDir
    static Path caDirectory;
    static TestCa ca;
    static TestBackend backend;
    static ProxyUnderTest proxy;
    /** Without a CA: with one, the proxy answers plain http://bench/ with a 302 to https://bench/. */
    static ProxyUnderTest plainProxy;

    @BeforeAll
    static void start() throws Exception {
        ca = new TestCa(caDirectory);
        backend = TestBackend.start(0, "bench");
        proxy = new ProxyUnderTest(ca.authority());
        proxy.services.put("bench", backend.port());
        plainProxy = ProxyUnderTest.withoutCa();
        plainProxy.services.put("bench", backend.port());
    }

    @AfterAll
    static void stop() {
        proxy.close();
        plainProxy.close();
        backend.close();
    }

    static String rootPem() {
        return caDirectory.resolve("rootCA.pem").toString();
    }

    @ParameterizedTest
    @ValueSource(strings = {"reverse", "connect80", "mitm", "mitm-h2"})
    void throughTheProxyEveryRequestIsAnsweredWithoutErrors(String mode) throws Exception {
        Cli cli = Cli.run("--mode", mode, "--server", "127.0.0.1:" + proxy.port(), "--ca", rootPem(),
                "--count", String.valueOf(COUNT), "--concurrency", "4", "--streams", "8", "--label", "test-" + mode);
        assertCompleteRun(cli, mode, COUNT);
        assertThat(cli.json().get("connections").asLong()).isBetween(1L, 4L);
    }

    @Test
    void absoluteFormReachesTheServiceThroughAProxyWithoutCa() throws Exception {
        Cli cli = Cli.run("--mode", "absolute", "--server", "127.0.0.1:" + plainProxy.port(), "--count", "200", "--concurrency", "3");
        assertCompleteRun(cli, "absolute", 200);
    }

    @Test
    void directReachesTheBackendItself() throws Exception {
        Cli cli = Cli.run("--mode", "direct", "--server", "127.0.0.1:" + backend.port(), "--count", "200", "--concurrency", "3");
        assertCompleteRun(cli, "direct", 200);
    }

    @Test
    void requestsPerConnectionOpensANewTunnelWithAFullHandshakeEveryKRequests() throws Exception {
        Cli cli = Cli.run("--mode", "mitm", "--server", "127.0.0.1:" + proxy.port(), "--ca", rootPem(),
                "--count", "100", "--concurrency", "2", "--requests-per-connection", "5");
        assertCompleteRun(cli, "mitm", 100);
        // 20 tunnels carry the requests; a slot may open one more just as the other takes the last request
        assertThat(cli.json().get("connections").asLong()).isBetween(20L, 21L);
    }

    @Test
    void tlsTalksToATlsServerTrustingItsCertificate(@TempDir Path certs) throws Exception {
        try (TestBackend tls = TestBackend.startTls(0, "bench")) {
            Path pem = PeerCertificate.save("127.0.0.1", tls.port(), certs.resolve("backend.pem"));
            Cli cli = Cli.run("--mode", "tls", "--server", "127.0.0.1:" + tls.port(), "--name", "localhost", "--ca", pem.toString(),
                    "--count", "100", "--concurrency", "2");
            assertCompleteRun(cli, "tls", 100);
        }
    }

    @Test
    void tlsH2KeepsManyStreamsOnFewConnections() throws Exception {
        try (TlsTestServer h2 = new TlsTestServer(ca.authority().identityFor(new ServiceName("bench")))) {
            Cli cli = Cli.run("--mode", "tls-h2", "--server", "127.0.0.1:" + h2.port(), "--ca", rootPem(),
                    "--count", "500", "--concurrency", "2", "--streams", "20");
            assertCompleteRun(cli, "tls-h2", 500);
            assertThat(cli.json().get("connections").asLong()).isEqualTo(2);
        }
    }

    @Test
    void firstTimesTwoTunnelsPerName() throws Exception {
        proxy.services.put("fresh1", backend.port());
        proxy.services.put("fresh2", backend.port());
        Cli cli = Cli.run("--mode", "first", "--server", "127.0.0.1:" + proxy.port(), "--ca", rootPem(), "--names", "fresh1,fresh2");
        JsonNode json = cli.json();
        assertThat(json.get("errors").toString()).as(cli.toString()).isEqualTo(NO_ERRORS);
        assertThat(json.get("requests").asLong()).isEqualTo(4);
        assertThat(json.get("names")).hasSize(4);
        assertThat(json.get("names").get(0).get("tls_ms").asDouble()).isPositive();
        assertThat(json.get("first_p50_ms").asDouble()).isPositive();
        assertThat(json.get("second_p50_ms").asDouble()).isPositive();
        assertThat(cli.out()).contains("| fresh2 | 2 |");
    }

    private static void assertCompleteRun(Cli cli, String mode, int count) throws Exception {
        assertThat(cli.status()).as(cli.toString()).isZero();
        JsonNode json = cli.json();
        assertThat(json.get("errors").toString()).as(cli.toString()).isEqualTo(NO_ERRORS);
        assertThat(json.get("mode").asText()).isEqualTo(mode);
        assertThat(json.get("requests").asLong()).as(cli.toString()).isEqualTo(count);
        assertThat(json.get("p50_ms").asDouble()).isPositive();
        assertThat(json.get("max_ms").asDouble()).isGreaterThanOrEqualTo(json.get("p99_ms").asDouble());
    }

    static final String NO_ERRORS = "{\"connect\":0,\"reset\":0,\"closed\":0,\"timeout\":0,\"bad_status\":0,\"tls\":0}";
}
