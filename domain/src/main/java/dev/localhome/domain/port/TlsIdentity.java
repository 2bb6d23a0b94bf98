package dev.localhome.domain.port;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;

/** A private key and its certificate chain, leaf first, as a TLS server presents them. */
public record TlsIdentity(PrivateKey key, List<X509Certificate> chain) {
    public TlsIdentity {
        Objects.requireNonNull(key, "key");
        chain = List.copyOf(chain);
        if (chain.isEmpty()) throw new IllegalArgumentException("a TLS identity needs a certificate");
    }

    public X509Certificate leaf() {
        return chain.get(0);
    }
}
