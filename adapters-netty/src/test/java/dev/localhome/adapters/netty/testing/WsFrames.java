package dev.localhome.adapters.netty.testing;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;

/**
 * RFC 6455 frames by hand, over any stream (plain or TLS): what a test needs to be both a WebSocket client (masked
 * frames) and a server that speaks first (unmasked frames written together with its {@code 101}).
 */
public final class WsFrames {
    public static final int TEXT = 0x1;
    public static final int BINARY = 0x2;
    public static final int CLOSE = 0x8;
    private static final SecureRandom RANDOM = new SecureRandom();

    /** One whole frame as read. */
    public record Frame(int opcode, byte[] payload) {}

    private WsFrames() {}

    /** A final frame, masked as clients must send it, or unmasked as servers do. */
    public static byte[] frame(int opcode, byte[] payload, boolean masked) {
        ByteArrayOutputStream frame = new ByteArrayOutputStream();
        frame.write(0x80 | opcode);
        int maskBit = masked ? 0x80 : 0;
        if (payload.length < 126) {
            frame.write(maskBit | payload.length);
        } else if (payload.length <= 0xffff) {
            frame.write(maskBit | 126);
            frame.write(payload.length >>> 8);
            frame.write(payload.length & 0xff);
        } else {
            frame.write(maskBit | 127);
            for (int shift = 56; shift >= 0; shift -= 8) frame.write((int) (((long) payload.length >>> shift) & 0xff));
        }
        if (!masked) {
            frame.writeBytes(payload);
            return frame.toByteArray();
        }
        byte[] mask = new byte[4];
        RANDOM.nextBytes(mask);
        frame.writeBytes(mask);
        for (int i = 0; i < payload.length; i++) frame.write(payload[i] ^ mask[i % 4]);
        return frame.toByteArray();
    }

    /**
     * A server that speaks first: its {@code 101} (with {@code extraHeaders}, each ending in CRLF) and then
     * {@code frames}, unmasked, as the bytes of one write, so they leave in one segment.
     */
    public static byte[] switchingProtocolsThen(String extraHeaders, byte[]... payloads) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.writeBytes(("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r\n" + extraHeaders + "\r\n")
                .getBytes(StandardCharsets.ISO_8859_1));
        for (int i = 0; i < payloads.length; i++)
            bytes.writeBytes(frame(i == 0 ? TEXT : BINARY, payloads[i], false)); // a text greeting, then binary
        return bytes.toByteArray();
    }

    /** Echoes every frame, unmasked, until (and including) a close. */
    public static void echoUntilClose(InputStream in, OutputStream out) throws IOException {
        while (true) {
            Frame frame = read(in);
            out.write(frame(frame.opcode(), frame.payload(), false));
            out.flush();
            if (frame.opcode() == CLOSE) return;
        }
    }

    /** Reads one frame, masked or not; throws when the stream ends first. */
    public static Frame read(InputStream stream) throws IOException {
        DataInputStream in = new DataInputStream(stream);
        int first = in.readUnsignedByte();
        int second = in.readUnsignedByte();
        long length = second & 0x7f;
        if (length == 126) length = in.readUnsignedShort();
        else if (length == 127) length = in.readLong();
        if (length > 64L * 1024 * 1024) throw new IOException("frame too long for a test: " + length);
        byte[] mask = new byte[4];
        boolean masked = (second & 0x80) != 0;
        if (masked) in.readFully(mask);
        byte[] payload = new byte[(int) length];
        in.readFully(payload);
        if (masked) for (int i = 0; i < payload.length; i++) payload[i] ^= mask[i % 4];
        return new Frame(first & 0x0f, payload);
    }
}
