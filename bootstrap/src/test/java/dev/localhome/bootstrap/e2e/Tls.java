package dev.localhome.bootstrap.e2e;

import java.io.IOException;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;

/** TLS as a client does it: a context that trusts one root, and a handshake on a socket that is already a tunnel. */
final class Tls {
    private static final int DNS_NAME = 2; // GeneralName.dNSName, RFC 5280 4.2.1.6

    private Tls() {}

    static SSLContext trusting(X509Certificate root) {
        try {
            KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
            trusted.load(null, null);
            trusted.setCertificateEntry("localhome-test-ca", root);
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(trusted);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot build a TLS context trusting the test CA", e);
        }
    }

    /**
     * Layers TLS over {@code tunnel} (after {@code 200 Connection Established}) and finishes the handshake.
     *
     * @param verifyHost the name the certificate must be valid for, as a browser checks it; empty: only the chain
     *     is checked
     * @param sni the server name to send in the ClientHello; empty: the JDK's default (none for dot-free names)
     */
    static SSLSocket handshake(Socket tunnel, SSLContext context, String host, boolean verifyHost, Optional<String> sni)
            throws IOException {
        SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket(tunnel, host, 443, true);
        SSLParameters parameters = socket.getSSLParameters();
        if (verifyHost) parameters.setEndpointIdentificationAlgorithm("HTTPS");
        sni.ifPresent(name -> parameters.setServerNames(List.of(new SNIHostName(name))));
        socket.setSSLParameters(parameters);
        socket.startHandshake();
        return socket;
    }

    /** The DNS names a certificate is valid for. */
    static List<String> dnsNames(X509Certificate certificate) {
        try {
            Collection<List<?>> names = certificate.getSubjectAlternativeNames();
            if (names == null) return List.of();
            return names.stream().filter(n -> (Integer) n.get(0) == DNS_NAME).map(n -> (String) n.get(1)).toList();
        } catch (CertificateParsingException e) {
            throw new IllegalStateException(e);
        }
    }
}
