package dev.localhome.adapters.netty.tunnel;

import static org.assertj.core.api.Assertions.assertThat;

import dev.localhome.adapters.netty.testing.ProxyUnderTest;
import dev.localhome.adapters.netty.testing.TestBackend;
import dev.localhome.adapters.netty.testing.TestCa;
import dev.localhome.domain.ServiceName;
import dev.localhome.domain.port.CertificateAuthority;
import dev.localhome.domain.port.RootCertificate;
import dev.localhome.domain.port.TlsIdentity;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A name's certificate is minted once, ahead of its first tunnel when the daemon knows it is coming. */
class CertificatePreparationTest {
    @TempDir
    static Path caDirectory;
    private static TestBackend backend;
    private static TestCa ca;
    private static ProxyUnderTest proxy;
    private static final Map<ServiceName, AtomicInteger> mints = new ConcurrentHashMap<>();
    private static final Map<ServiceName, CompletableFuture<Void>> minted = new ConcurrentHashMap<>();

    @BeforeAll
    static void start() throws Exception {
        backend = TestBackend.start(0, "app");
        ca = new TestCa(caDirectory);
        CertificateAuthority real = ca.authority();
        proxy = new ProxyUnderTest(new CertificateAuthority() {
            @Override
            public Optional<RootCertificate> root() {
                return real.root();
            }

            @Override
            public TlsIdentity identityFor(ServiceName name) {
                mints.computeIfAbsent(name, n -> new AtomicInteger()).incrementAndGet();
                TlsIdentity identity = real.identityFor(name);
                mintedFuture(name).complete(null);
                return identity;
            }
        });
    }

    @AfterAll
    static void stop() {
        proxy.close();
        backend.close();
    }

    private static CompletableFuture<Void> mintedFuture(ServiceName name) {
        return minted.computeIfAbsent(name, n -> new CompletableFuture<>());
    }

    @Test
    void concurrentFirstTunnelsToANewNameAllSucceedOnOneMint() throws Exception {
        proxy.services.put("burst", backend.port());
        List<CompletableFuture<HttpResponse<String>>> responses = new ArrayList<>();
        for (int i = 0; i < 20; i++) { // a client each: twenty tunnels, twenty handshakes, all racing the first mint
            HttpClient client = ca.clientThrough(proxy.port()).version(HttpClient.Version.HTTP_1_1).build();
            responses.add(client.sendAsync(HttpRequest.newBuilder(URI.create("https://burst/")).build(),
                    HttpResponse.BodyHandlers.ofString()));
        }
        for (CompletableFuture<HttpResponse<String>> response : responses) {
            assertThat(response.get(30, TimeUnit.SECONDS).body()).isEqualTo("hello from app");
        }
        assertThat(mints.get(new ServiceName("burst"))).hasValue(1);
    }

    @Test
    void aNameThatAppearedIsMintedBeforeItsFirstTunnelAndNotAgain() throws Exception {
        ServiceName early = new ServiceName("early");
        proxy.services.put("early", backend.port());

        proxy.transport().prepareFor(early);
        mintedFuture(early).get(30, TimeUnit.SECONDS);

        HttpClient client = ca.clientThrough(proxy.port()).build();
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create("https://early/")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.body()).isEqualTo("hello from app");
        assertThat(mints.get(early)).hasValue(1);
    }
}
