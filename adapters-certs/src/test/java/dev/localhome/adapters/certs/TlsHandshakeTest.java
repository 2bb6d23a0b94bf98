package dev.localhome.adapters.certs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.localhome.domain.ServiceName;
import dev.localhome.domain.port.CertificateAuthority;
import dev.localhome.domain.port.TlsIdentity;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SNIServerName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A JDK client that trusts only the root completes a real handshake with a JDK server presenting the minted leaf. */
class TlsHandshakeTest {
    private static final char[] NO_PASSWORD = new char[0];

    @TempDir
    static Path caDir;

    private static CertificateAuthority authority;

    @BeforeAll
    static void ownCa() {
        CertificateAuthorities.init(caDir);
        authority = CertificateAuthorities.locate(Optional.of(caDir), Map.of());
    }

    @ParameterizedTest
    @ValueSource(strings = {"TLSv1.3", "TLSv1.2"})
    void aClientThatTrustsTheRootAcceptsTheLeafForApp(String protocol) throws Exception {
        SNIServerName requested = handshake(authority.identityFor(new ServiceName("app")), "app", protocol);

        assertThat(requested).isEqualTo(new SNIHostName("app"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"TLSv1.3"})
    void aClientAskingForAnotherNameRejectsTheLeafForApp(String protocol) {
        TlsIdentity app = authority.identityFor(new ServiceName("app"));

        assertThatThrownBy(() -> handshake(app, "api", protocol)).isInstanceOf(SSLHandshakeException.class);
    }

    /** Runs one handshake over loopback and returns the server name the server saw in the ClientHello. */
    private static SNIServerName handshake(TlsIdentity identity, String host, String protocol) throws Exception {
        SSLContext server = serverContext(identity);
        try (SSLServerSocket listener = (SSLServerSocket) server.getServerSocketFactory()
                .createServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            CompletableFuture<SNIServerName> seen = CompletableFuture.supplyAsync(() -> {
                try (SSLSocket accepted = (SSLSocket) listener.accept()) {
                    accepted.setSoTimeout(10_000);
                    accepted.startHandshake();
                    var names = ((ExtendedSSLSession) accepted.getSession()).getRequestedServerNames();
                    accepted.getOutputStream().write(42);
                    accepted.getOutputStream().flush();
                    return names.isEmpty() ? null : names.get(0);
                } catch (Exception e) {
                    return null; // the client's side of a failed handshake is what the test asserts
                }
            });
            try (Socket raw = new Socket()) {
                raw.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), listener.getLocalPort()), 5_000);
                raw.setSoTimeout(10_000);
                // the host passed here is the name the client verifies, as a browser tunnelled through CONNECT app:443
                SSLSocket client = (SSLSocket) clientContext().getSocketFactory()
                        .createSocket(raw, host, listener.getLocalPort(), true);
                SSLParameters parameters = client.getSSLParameters();
                parameters.setEndpointIdentificationAlgorithm("HTTPS");
                parameters.setServerNames(List.of(new SNIHostName(host))); // the JDK sends no SNI for dot-free names
                parameters.setProtocols(new String[] {protocol});
                client.setSSLParameters(parameters);
                client.startHandshake();

                assertThat(client.getSession().getProtocol()).isEqualTo(protocol);
                assertThat(client.getInputStream().read()).isEqualTo(42);
                client.close();
            }
            return seen.get(10, TimeUnit.SECONDS);
        }
    }

    private static SSLContext serverContext(TlsIdentity identity) throws Exception {
        KeyStore keys = KeyStore.getInstance("PKCS12");
        keys.load(null, null);
        keys.setKeyEntry("leaf", identity.key(), NO_PASSWORD, identity.chain().toArray(Certificate[]::new));
        KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        factory.init(keys, NO_PASSWORD);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(factory.getKeyManagers(), null, null);
        return context;
    }

    private static SSLContext clientContext() throws Exception {
        KeyStore trusted = KeyStore.getInstance("PKCS12");
        trusted.load(null, null);
        trusted.setCertificateEntry("localhome", authority.root().orElseThrow().certificate());
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(trusted);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, factory.getTrustManagers(), null);
        return context;
    }
}
