package dev.localhome.adapters.netty.backend;

import dev.localhome.adapters.netty.relay.FrameHead;
import io.netty.buffer.ByteBuf;

/**
 * Where WebSocket frames begin and end in a stream of bytes passing by (RFC 6455 §5.2), read from the frame headers
 * alone, payloads skipped by arithmetic, the buffers left untouched. A header may straddle two buffers.
 */
final class FrameBoundaries {
    private final byte[] head = new byte[FrameHead.MAX];
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
        return FrameHead.length(head, headBytes);
    }

    private long payloadLength() {
        return FrameHead.payloadLength(head);
    }
}
