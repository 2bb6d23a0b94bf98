package dev.localhome.adapters.netty.inspect;

import dev.localhome.adapters.netty.relay.FrameHead;
import dev.localhome.adapters.netty.relay.RelayHandler;
import io.netty.buffer.ByteBuf;

/**
 * Counts one direction's WebSocket messages as the relay passes the bytes, by reading frame headers only (RFC 6455
 * §5.2): the payload is skipped by index arithmetic, nothing is copied, and the buffer's indices are left alone. A
 * header may straddle reads: its bytes wait in {@link #head} until it is whole. A data frame with FIN set ends a
 * message; control frames are not messages, and the first close frame's code is kept (unmasked when the client sent
 * it). One per direction, on the relay's event loop. Any other protocol after a {@code 101} is counted in bytes only.
 */
final class WebSocketFrames implements RelayHandler.Tap {
    private static final int CLOSE = 0x8;

    private final boolean framed; // a WebSocket; any other protocol after a 101 is only counted in bytes
    private final byte[] head = new byte[FrameHead.MAX];
    private int headBytes;
    private long payloadLeft;   // payload bytes of the current frame still to pass
    private long payloadSeen;   // of the current frame, for the close code in its first two bytes
    private boolean inPayload;
    private long messages;
    private long bytes;
    private int closeHigh;      // a close code's first byte, until its second passes
    private int closeCode;      // 0 until a close frame with a code passed

    WebSocketFrames(boolean framed) {
        this.framed = framed;
    }

    @Override
    public void passing(ByteBuf buffer) {
        int index = buffer.readerIndex();
        int end = buffer.writerIndex();
        bytes += end - index;
        while (framed && index < end) {
            if (inPayload) index = payload(buffer, index, end);
            else index = header(buffer, index, end);
        }
    }

    private int header(ByteBuf buffer, int index, int end) {
        while (index < end && headBytes < headLength()) head[headBytes++] = buffer.getByte(index++);
        if (headBytes < headLength()) return index;
        payloadLeft = payloadLength();
        payloadSeen = 0;
        if ((head[0] & 0x80) != 0 && opcode() < CLOSE) messages++; // FIN on a text, binary or continuation frame
        inPayload = true;
        if (payloadLeft == 0) endFrame();
        return index;
    }

    private int payload(ByteBuf buffer, int index, int end) {
        if (opcode() == CLOSE && closeCode == 0) {
            while (payloadSeen < 2 && payloadLeft > 0 && index < end) {
                int unmasked = (buffer.getByte(index) ^ maskByte((int) payloadSeen)) & 0xff;
                if (payloadSeen == 0) closeHigh = unmasked;
                else closeCode = (closeHigh << 8) | unmasked;
                payloadSeen++;
                payloadLeft--;
                index++;
            }
        }
        long skip = Math.min(payloadLeft, end - index);
        payloadLeft -= skip;
        index += (int) skip;
        if (payloadLeft == 0) endFrame();
        return index;
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

    private boolean masked() {
        return FrameHead.masked(head);
    }

    private int maskByte(int offset) {
        if (!masked()) return 0;
        return head[headLength() - 4 + (offset & 3)];
    }

    private int opcode() {
        return head[0] & 0x0f;
    }

    long messages() {
        return messages;
    }

    long bytes() {
        return bytes;
    }

    /** The close frame's code, or 0 when none with a code has passed this way. */
    int closeCode() {
        return closeCode;
    }
}
