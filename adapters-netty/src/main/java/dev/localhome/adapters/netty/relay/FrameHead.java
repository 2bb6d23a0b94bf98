package dev.localhome.adapters.netty.relay;

/**
 * A WebSocket frame header as its bytes arrive (RFC 6455 §5.2): how many bytes it has and how long its payload is,
 * read from the first bytes alone. For the readers that watch relayed frames pass without decoding them.
 */
public final class FrameHead {
    /** The longest header: 2 bytes, an 8-byte (64-bit) length, a 4-byte mask key. */
    public static final int MAX = 14;

    private FrameHead() {}

    /** How many header bytes the frame in {@code head} has: known once its second byte is in ({@code have} ≥ 2). */
    public static int length(byte[] head, int have) {
        if (have < 2) return 2;
        int length7 = head[1] & 0x7f;
        int extended = length7 == 126 ? 2 : length7 == 127 ? 8 : 0;
        return 2 + extended + (masked(head) ? 4 : 0);
    }

    /** The payload's length, once the whole header is in. */
    public static long payloadLength(byte[] head) {
        int length7 = head[1] & 0x7f;
        if (length7 < 126) return length7;
        int count = length7 == 126 ? 2 : 8;
        long length = 0;
        for (int i = 0; i < count; i++) length = (length << 8) | (head[2 + i] & 0xff);
        return length < 0 ? Long.MAX_VALUE : length; // a 64-bit length with its top bit set is invalid: skip the rest
    }

    /** Whether the payload is masked (a client's frame). */
    public static boolean masked(byte[] head) {
        return (head[1] & 0x80) != 0;
    }
}
