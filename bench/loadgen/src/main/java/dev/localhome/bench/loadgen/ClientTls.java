package dev.localhome.bench.loadgen;

import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.codec.http2.Http2SecurityUtil;
import io.netty.handler.ssl.ApplicationProtocolConfig;
import io.netty.handler.ssl.ApplicationProtocolNames;
import io.netty.handler.ssl.OpenSsl;
import io.netty.handler.ssl.OpenSslSessionContext;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslProvider;
import io.netty.handler.ssl.SupportedCipherSuiteFilter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;

/** The client TLS of a run: BoringSSL when it loads, the JDK's otherwise; trusts only --ca; one ALPN protocol. */
final class ClientTls {
    private final SslContext context;
    private final Duration timeout;

    private ClientTls(SslContext context, Duration timeout) {
        this.context = context;
        this.timeout = timeout;
    }

    static ClientTls create(Path caPem, boolean h2, Duration timeout) throws SSLException {
        SslProvider provider = OpenSsl.isAvailable() ? SslProvider.OPENSSL : SslProvider.JDK;
        SslContextBuilder builder = SslContextBuilder.forClient()
                .sslProvider(provider)
                .trustManager(caPem.toFile())
                .endpointIdentificationAlgorithm("HTTPS")
                .applicationProtocolConfig(new ApplicationProtocolConfig(ApplicationProtocolConfig.Protocol.ALPN,
                        ApplicationProtocolConfig.SelectorFailureBehavior.NO_ADVERTISE,
                        ApplicationProtocolConfig.SelectedListenerFailureBehavior.ACCEPT,
                        h2 ? ApplicationProtocolNames.HTTP_2 : ApplicationProtocolNames.HTTP_1_1));
        if (h2) builder.ciphers(Http2SecurityUtil.CIPHERS, SupportedCipherSuiteFilter.INSTANCE);
        SslContext context = builder.build();
        if (context.sessionContext() instanceof OpenSslSessionContext sessions) sessions.setSessionCacheEnabled(false);
        return new ClientTls(context, timeout);
    }

    String provider() {
        return context.isClient() && OpenSsl.isAvailable() ? "openssl (" + OpenSsl.versionString() + ")" : "jdk";
    }

    /**
     * A handler for a connection to {@code name}. The engine gets no peer host and port, so neither provider's
     * client session cache can hand it a session to resume: every handshake is a full one. SNI and the hostname
     * check come from the SSL parameters instead.
     */
    SslHandler newHandler(ByteBufAllocator alloc, String name) {
        SslHandler handler = context.newHandler(alloc);
        SSLEngine engine = handler.engine();
        SSLParameters parameters = engine.getSSLParameters();
        parameters.setServerNames(List.of(new SNIHostName(name)));
        parameters.setEndpointIdentificationAlgorithm("HTTPS");
        engine.setSSLParameters(parameters);
        handler.setHandshakeTimeoutMillis(timeout.toMillis());
        return handler;
    }
}
