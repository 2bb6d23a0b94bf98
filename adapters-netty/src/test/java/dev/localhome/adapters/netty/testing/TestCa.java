package dev.localhome.adapters.netty.testing;

import dev.localhome.adapters.certs.CertificateAuthorities;
import dev.localhome.domain.port.CertificateAuthority;
import java.net.InetSocketAddress;
import java.net.ProxySelector;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.Map;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/** A real local CA made for the test, and clients that trust only it. */
public final class TestCa {
    private final CertificateAuthority authority;
    private final X509Certificate root;

    public TestCa(Path directory) {
        CertificateAuthorities.init(directory);
        authority = CertificateAuthorities.locate(Optional.of(directory), Map.of());
        root = authority.root().orElseThrow().certificate();
    }

    public CertificateAuthority authority() {
        return authority;
    }

    /** The root certificate, for clients that take a trust anchor rather than an {@link SSLContext}. */
    public X509Certificate root() {
        return root;
    }

    public SSLContext trustingContext() throws Exception {
        KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
        trusted.load(null, null);
        trusted.setCertificateEntry("localhome-test", root);
        TrustManagerFactory managers = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        managers.init(trusted);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, managers.getTrustManagers(), null);
        return context;
    }

    /** The JDK client a browser stands in for: proxy by CONNECT, TLS verified against this CA only. */
    public HttpClient.Builder clientThrough(int proxyPort) throws Exception {
        return HttpClient.newBuilder()
                .proxy(ProxySelector.of(new InetSocketAddress("127.0.0.1", proxyPort)))
                .sslContext(trustingContext());
    }
}
