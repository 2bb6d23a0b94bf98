package dev.localhome.adapters.netty.tunnel;

import dev.localhome.adapters.netty.testing.SystemTools;
import static org.assertj.core.api.Assertions.assertThat;

import dev.localhome.adapters.netty.testing.ProxyUnderTest;
import dev.localhome.adapters.netty.testing.TestBackend;
import dev.localhome.adapters.netty.testing.TestCa;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * A browser's second tunnel to a name resumes its TLS session instead of a full handshake. OpenSSL's own client
 * shows it: it saves the session of one connection and reports whether the next one reused it. (BoringSSL issues
 * tickets with Netty's defaults; this test keeps it that way.)
 */
class SessionResumptionTest {
    @TempDir
    static Path directory;
    private static TestBackend backend;
    private static ProxyUnderTest proxy;

    @BeforeAll
    static void start() throws Exception {
        backend = TestBackend.start(0, "app");
        proxy = new ProxyUnderTest(new TestCa(directory.resolve("ca")).authority());
        proxy.services.put("app", backend.port());
    }

    @AfterAll
    static void stop() {
        proxy.close();
        backend.close();
    }

    @ParameterizedTest
    @CsvSource({"-tls1_3, TLSv1.3", "-tls1_2, TLSv1.2"})
    void aSecondTunnelResumesTheSessionOfTheFirst(String option, String protocol) throws Exception {
        SystemTools.require("openssl", "openssl");
        Path session = directory.resolve("session-" + protocol + ".pem");
        String first = sClient(option, "-sess_out", session.toString());
        assertThat(first).contains("New, " + protocol).contains("hello from app");

        String second = sClient(option, "-sess_in", session.toString());
        assertThat(second).contains("Reused, " + protocol).contains("hello from app");
    }

    /** One tunnel: CONNECT app:443 through the proxy, TLS verified against the test CA, one GET, then close. */
    private static String sClient(String... options) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("openssl", "s_client", "-proxy", "127.0.0.1:" + proxy.port(),
                "-connect", "app:443", "-servername", "app", "-CAfile", directory.resolve("ca/rootCA.pem").toString(),
                "-verify_return_error", "-ign_eof"));
        command.addAll(List.of(options));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        process.getOutputStream().write("GET / HTTP/1.1\r\nHost: app\r\nConnection: close\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        process.getOutputStream().close();
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("openssl s_client finished").isTrue();
        return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }
}
