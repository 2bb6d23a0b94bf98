package dev.localhome.adapters.netty.tunnel;

import dev.localhome.domain.ServiceName;
import dev.localhome.domain.port.CertificateAuthority;
import dev.localhome.domain.port.TlsIdentity;
import io.netty.handler.ssl.ApplicationProtocolConfig;
import io.netty.handler.codec.http2.Http2SecurityUtil;
import io.netty.handler.ssl.ApplicationProtocolNames;
import io.netty.handler.ssl.SupportedCipherSuiteFilter;
import io.netty.handler.ssl.OpenSsl;
import io.netty.handler.ssl.OpenSslContextOption;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.Executor;
import javax.net.ssl.SSLException;
import javax.net.ssl.TrustManagerFactory;

/**
 * One server {@link SslContext} per name, shared by every tunnel to that name. Minting a certificate takes
 * milliseconds, so it runs on {@code signer}, never on an event loop; concurrent tunnels to a new name share one
 * mint. A context is renewed a day before its certificate ends.
 */
public final class TlsContexts {
    private static final Duration RENEW_BEFORE_EXPIRY = Duration.ofDays(1);
    private static final long SESSION_CACHE_SIZE = 4_096; // resumed handshakes skip the certificate exchange
    private static final TrustManagerFactory NO_CLIENT_CERTIFICATES = trustingNothing();

    record Minted(SslContext context, Instant renewAfter) {}

    private final CertificateAuthority authority;
    private final Executor signer;
    private final SslProvider provider;
    private final ConcurrentMap<ServiceName, CompletableFuture<Minted>> byName = new ConcurrentHashMap<>();
    /** The root the cached contexts were minted under; a race only costs one more clear. */
    private volatile Object mintedUnder;

    public TlsContexts(CertificateAuthority authority, Executor signer, SslProvider provider) {
        this.authority = authority;
        this.mintedUnder = authority.root().orElse(null);
        this.signer = signer;
        this.provider = provider;
    }

    /**
     * BoringSSL through netty-tcnative when it loads: faster handshakes; the JDK's TLS otherwise, or when the system
     * property {@code localhome.tls.provider=jdk} asks for it (an escape hatch, and how tests cover the JDK path).
     */
    public static SslProvider bestProvider() {
        if ("jdk".equalsIgnoreCase(System.getProperty("localhome.tls.provider"))) return SslProvider.JDK;
        return OpenSsl.isAvailable() ? SslProvider.OPENSSL : SslProvider.JDK;
    }

    /** Whether there is a CA to mint leaves with: without one, no TLS is served on the daemon's own port. */
    public boolean available() {
        return authority.root().isPresent();
    }

    public SslProvider provider() {
        return provider;
    }

    /**
     * Mints {@code name}'s context in the background, so that its first tunnel finds it ready: a first handshake
     * then costs what any other does. Does nothing without a CA.
     */
    public void prepare(ServiceName name) {
        if (authority.root().isPresent()) forName(name);
    }

    public CompletableFuture<SslContext> forName(ServiceName name) {
        forgetLeavesOfAnotherCa();
        CompletableFuture<Minted> minted = byName.computeIfAbsent(name, this::mint);
        Minted done = minted.getNow(null);
        if (done != null && Instant.now().isAfter(done.renewAfter())) {
            byName.remove(name, minted);
            minted = byName.computeIfAbsent(name, this::mint);
        }
        CompletableFuture<Minted> current = minted;
        current.whenComplete((ok, failure) -> {
            if (failure != null) byName.remove(name, current); // the next tunnel tries again
        });
        return current.thenApply(Minted::context);
    }

    /**
     * The CA is live (created, replaced or removed while the daemon runs): a root other than the one the cached
     * contexts were minted under makes them useless, so they go.
     */
    private void forgetLeavesOfAnotherCa() {
        Object root = authority.root().orElse(null);
        if (Objects.equals(root, mintedUnder)) return; // a record: equal when it is the same certificate
        byName.clear();
        mintedUnder = root;
    }

    private CompletableFuture<Minted> mint(ServiceName name) {
        return CompletableFuture.supplyAsync(() -> build(authority.identityFor(name)), signer);
    }

    /** Trusts no one: the proxy never asks a browser for a client certificate, so it never consults this. */
    private static TrustManagerFactory trustingNothing() {
        try {
            KeyStore empty = KeyStore.getInstance("JKS");
            empty.load(null, null);
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(empty);
            return factory;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("the JDK cannot make an empty trust store", e);
        }
    }

    private Minted build(TlsIdentity identity) {
        try {
            SslContext context = SslContextBuilder
                    .forServer(identity.key(), identity.chain().toArray(X509Certificate[]::new))
                    .sslProvider(provider)
                    // Without these two, every new name cost ~15 ms more: Netty would load the JDK's cacerts to
                    // advertise ~140 CA names for client certificates we never ask for, and wrap our key in a
                    // PKCS#12 store whose PBKDF2 encryption it then undoes. Both live only in memory, for one build.
                    .trustManager(NO_CLIENT_CERTIFICATES)
                    .keyStoreType("JKS")
                    .protocols("TLSv1.3", "TLSv1.2")
                    .ciphers(Http2SecurityUtil.CIPHERS, SupportedCipherSuiteFilter.INSTANCE)
                    .sessionCacheSize(SESSION_CACHE_SIZE)
                    // BoringSSL picks the key material in its certificate callback, inline, instead of returning
                    // NEED_TASK for the SslHandler to run it and call back into the handshake: one JNI round trip
                    // less per full handshake. The task would run on the event loop anyway (no executor is given).
                    .option(OpenSslContextOption.USE_TASKS, false)
                    .applicationProtocolConfig(new ApplicationProtocolConfig(
                            ApplicationProtocolConfig.Protocol.ALPN,
                            ApplicationProtocolConfig.SelectorFailureBehavior.NO_ADVERTISE,
                            ApplicationProtocolConfig.SelectedListenerFailureBehavior.ACCEPT,
                            ApplicationProtocolNames.HTTP_2, ApplicationProtocolNames.HTTP_1_1))
                    .build();
            return new Minted(context, identity.leaf().getNotAfter().toInstant().minus(RENEW_BEFORE_EXPIRY));
        } catch (SSLException e) {
            throw new IllegalStateException("cannot build a TLS context for " + identity.leaf().getSubjectX500Principal(), e);
        }
    }
}
