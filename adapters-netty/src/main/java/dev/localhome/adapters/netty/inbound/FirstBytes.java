package dev.localhome.adapters.netty.inbound;

import io.netty.buffer.ByteBuf;

/**
 * What a connection's first bytes say before any decoder reads them: a TLS handshake, or something else (plain
 * HTTP). The one place a first-byte sniffer asks, wherever the pipeline has to pick a layer by it.
 */
public final class FirstBytes {
    /** RFC 8446 §5.1: a TLS record of content type 22 (handshake) opens every TLS connection. */
    private static final short TLS_HANDSHAKE = 22;

    private FirstBytes() {}

    /** Whether {@code bytes}, which must be readable, start with a TLS handshake record; their indices stay put. */
    public static boolean isTlsHandshake(ByteBuf bytes) {
        return bytes.getUnsignedByte(bytes.readerIndex()) == TLS_HANDSHAKE;
    }
}
