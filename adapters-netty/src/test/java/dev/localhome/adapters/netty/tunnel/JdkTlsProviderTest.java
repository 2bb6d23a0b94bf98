package dev.localhome.adapters.netty.tunnel;

import static org.assertj.core.api.Assertions.assertThat;

import dev.localhome.adapters.netty.testing.ProxyUnderTest;
import dev.localhome.adapters.netty.testing.TestBackend;
import dev.localhome.adapters.netty.testing.TestCa;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where BoringSSL does not load, the JDK's TLS serves interception, h2 included. */
class JdkTlsProviderTest {
    @TempDir
    Path caDirectory;

    @Test
    void interceptionWorksWithTheJdkProvider() throws Exception {
        System.setProperty("localhome.tls.provider", "jdk");
        TestCa ca = new TestCa(caDirectory);
        try (TestBackend backend = TestBackend.start(0, "app"); ProxyUnderTest proxy = new ProxyUnderTest(ca.authority())) {
            proxy.services.put("app", backend.port());
            assertThat(TlsContexts.bestProvider()).hasToString("JDK");
            for (HttpClient.Version version : HttpClient.Version.values()) {
                HttpResponse<String> response = ca.clientThrough(proxy.port()).version(version).build()
                        .send(HttpRequest.newBuilder(URI.create("https://app/")).build(), HttpResponse.BodyHandlers.ofString());
                assertThat(response.version()).isEqualTo(version);
                assertThat(response.body()).isEqualTo("hello from app");
            }
        } finally {
            System.clearProperty("localhome.tls.provider");
        }
    }
}
