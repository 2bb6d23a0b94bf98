package dev.localhome.adapters.netty.inspect;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.io.ByteArrayOutputStream;
import org.junit.jupiter.api.Test;

/** Frame headers read as bytes pass, whatever the reads' boundaries: counted, never consumed. */
class WebSocketFramesTest {
    private static final byte[] MASK = {0x11, 0x22, 0x33, 0x44};

    /** One frame as RFC 6455 §5.2 lays it out; masked as a client sends it when {@code masked}. */
    private static byte[] frame(boolean fin, int opcode, byte[] payload, boolean masked) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write((fin ? 0x80 : 0) | opcode);
        int maskBit = masked ? 0x80 : 0;
        if (payload.length < 126) {
            out.write(maskBit | payload.length);
        } else if (payload.length < 65_536) {
            out.write(maskBit | 126);
            out.write(payload.length >> 8);
            out.write(payload.length & 0xff);
        } else {
            out.write(maskBit | 127);
            for (int shift = 56; shift >= 0; shift -= 8) out.write((int) ((long) payload.length >> shift) & 0xff);
        }
        if (masked) out.writeBytes(MASK);
        for (int i = 0; i < payload.length; i++) out.write(masked ? payload[i] ^ MASK[i % 4] : payload[i]);
        return out.toByteArray();
    }

    private static byte[] closePayload(int code) {
        return new byte[] {(byte) (code >> 8), (byte) code, 'b', 'y', 'e'};
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) out.writeBytes(part);
        return out.toByteArray();
    }

    /** Passes {@code bytes} in reads of {@code size} bytes; checks that no read moved the buffer. */
    private static void pass(WebSocketFrames frames, byte[] bytes, int size) {
        for (int at = 0; at < bytes.length; at += size) {
            ByteBuf read = Unpooled.wrappedBuffer(bytes, at, Math.min(size, bytes.length - at));
            int before = read.readerIndex();
            frames.passing(read);
            assertThat(read.readerIndex()).isEqualTo(before);
        }
    }

    private static final byte[] STREAM = concat(
            frame(true, 0x1, "hello".getBytes(), true),
            frame(true, 0x9, new byte[0], true),                 // ping: not a message
            frame(false, 0x2, new byte[300], true),              // a message in two frames, 16-bit length
            frame(true, 0x0, new byte[70_000], true),            // its end, 64-bit length
            frame(true, 0x8, closePayload(4001), true));         // close, masked code

    @Test
    void countsMessagesAndFindsTheMaskedCloseCodeInOneRead() {
        WebSocketFrames frames = new WebSocketFrames(true);
        pass(frames, STREAM, STREAM.length);

        assertThat(frames.messages()).isEqualTo(2);
        assertThat(frames.closeCode()).isEqualTo(4001);
        assertThat(frames.bytes()).isEqualTo(STREAM.length);
    }

    @Test
    void headersAndTheCloseCodeThatStraddleReadsCountTheSame() {
        for (int size : new int[] {1, 2, 3, 7, 13}) {
            WebSocketFrames frames = new WebSocketFrames(true);
            pass(frames, STREAM, size);

            assertThat(frames.messages()).as("reads of %d bytes", size).isEqualTo(2);
            assertThat(frames.closeCode()).as("reads of %d bytes", size).isEqualTo(4001);
        }
    }

    @Test
    void aServersUnmaskedCloseCodeIsReadAsIs() {
        WebSocketFrames frames = new WebSocketFrames(true);
        pass(frames, concat(frame(true, 0x1, "hi".getBytes(), false), frame(true, 0x8, closePayload(1000), false)), 64);

        assertThat(frames.messages()).isEqualTo(1);
        assertThat(frames.closeCode()).isEqualTo(1000);
    }

    @Test
    void aCloseWithoutACodeLeavesItUnknown() {
        WebSocketFrames frames = new WebSocketFrames(true);
        pass(frames, frame(true, 0x8, new byte[0], true), 64);

        assertThat(frames.closeCode()).isZero();
    }

    @Test
    void anotherProtocolAfterA101IsCountedInBytesOnly() {
        WebSocketFrames frames = new WebSocketFrames(false);
        pass(frames, STREAM, 100);

        assertThat(frames.messages()).isZero();
        assertThat(frames.bytes()).isEqualTo(STREAM.length);
    }
}
