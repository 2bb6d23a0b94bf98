package dev.localhome.adapters.netty.inbound;

import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpServerCodec;

/**
 * The one HTTP/1.1 server codec every client-facing pipeline installs: at accept, inside a plain or intercepted
 * tunnel, and again when an upgrade the backend declined resumes HTTP. Here, below every package that installs it.
 */
public final class ServerCodecs {
    private static final int MAX_CHUNK_SIZE = 64 * 1024;

    private ServerCodecs() {}

    /**
     * HTTP/1.1 with size limits and strict parsing: bare LF line ends, {@code Content-Length} beside
     * {@code Transfer-Encoding}, differing duplicate lengths and invalid header names or values are malformed
     * requests (400), never guessed at, so no request can be smuggled past the backend's own parser.
     */
    public static HttpServerCodec newServerCodec(ProxyLimits limits) {
        return new HttpServerCodec(new HttpDecoderConfig()
                .setMaxInitialLineLength(limits.maxRequestLine())
                .setMaxHeaderSize(limits.maxHeaderBytes())
                .setMaxChunkSize(MAX_CHUNK_SIZE)
                .setStrictLineParsing(true)
                .setUseRfc9112TransferEncoding(true)
                .setAllowDuplicateContentLengths(false)
                .setValidateHeaders(true));
    }
}
