package dev.localhome.adapters.netty.backend;

import io.netty.buffer.ByteBuf;

/**
 * Where WebSocket frames begin and end in a stream of bytes passing by (RFC 6455 §5.2), read from the frame headers
 * alone, payloads skipped by arithmetic, the buffers left untouched. A header may straddle two buffers.
 */
final class FrameBoundaries {
    private final byte[] head = new byte[14]; // 2 + 8 (64-bit length) + 4 (mask key)
    private int headBytes;
    private long payloadLeft;
    private boolean inPayload;

    void passing(ByteBuf buffer) {
        int index = buffer.readerIndex();
        int end = buffer.writerIndex();
        while (index < end) {
            if (inPayload) {
                long skip = Math.min(payloadLeft, end - index);
                payloadLeft -= skip;
                index += (int) skip;
                if (payloadLeft == 0) endFrame();
                continue;
            }
            while (index < end && headBytes < headLength()) head[headBytes++] = buffer.getByte(index++);
            if (headBytes < headLength()) return;
            payloadLeft = payloadLength();
            inPayload = true;
            if (payloadLeft == 0) endFrame();
        }
    }

    /** Whether the bytes so far end exactly at the end of a frame: a frame of our own may follow. */
    boolean atBoundary() {
        return !inPayload && headBytes == 0;
    }

    private void endFrame() {
        inPayload = false;
        headBytes = 0;
    }

    private int headLength() {
        if (headBytes < 2) return 2;
        int length7 = head[1] & 0x7f;
        int extended = length7 == 126 ? 2 : length7 == 127 ? 8 : 0;
        return 2 + extended + ((head[1] & 0x80) != 0 ? 4 : 0);
    }

    private long payloadLength() {
        int length7 = head[1] & 0x7f;
        if (length7 < 126) return length7;
        int count = length7 == 126 ? 2 : 8;
        long length = 0;
        for (int i = 0; i < count; i++) length = (length << 8) | (head[2 + i] & 0xff);
        return length < 0 ? Long.MAX_VALUE : length; // invalid (top bit set): never a boundary again
    }
}
