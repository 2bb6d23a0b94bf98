package dev.localhome.adapters.netty.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;

/** A plain socket for what HTTP clients will not send: odd request lines, CONNECT by hand, WebSocket frames. */
public final class RawConnection implements AutoCloseable {
    private static final SecureRandom RANDOM = new SecureRandom();
    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    public RawConnection(int port) throws IOException {
        socket = new Socket("127.0.0.1", port);
        socket.setSoTimeout(10_000);
        in = socket.getInputStream();
        out = socket.getOutputStream();
    }

    public Socket socket() {
        return socket;
    }

    public RawConnection send(String text) throws IOException {
        return send(text.getBytes(StandardCharsets.ISO_8859_1));
    }

    public RawConnection send(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
        return this;
    }

    /** Reads a response head, up to and including the blank line. */
    public String readHead() throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) throw new IOException("closed after " + head.size() + " bytes: " + head);
            head.write(b);
        }
        return head.toString(StandardCharsets.ISO_8859_1);
    }

    public byte[] readExactly(int n) throws IOException {
        return in.readNBytes(n);
    }

    /** Everything until the peer closes; throws if it does not close within the socket timeout. */
    public byte[] readUntilClosed() throws IOException {
        return in.readAllBytes();
    }

    /** True when the peer closed without sending one byte. */
    public boolean closedWithoutBytes() throws IOException {
        try {
            return in.read() < 0;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException reset) {
            return true; // a reset is a close without bytes too
        }
    }

    /** A masked client frame, as RFC 6455 requires of clients. */
    public void sendFrame(int opcode, byte[] payload) throws IOException {
        ByteArrayOutputStream frame = new ByteArrayOutputStream();
        frame.write(0x80 | opcode);
        if (payload.length < 126) frame.write(0x80 | payload.length);
        else {
            frame.write(0x80 | 126);
            frame.write(payload.length >>> 8);
            frame.write(payload.length & 0xff);
        }
        byte[] mask = new byte[4];
        RANDOM.nextBytes(mask);
        frame.write(mask);
        for (int i = 0; i < payload.length; i++) frame.write(payload[i] ^ mask[i % 4]);
        send(frame.toByteArray());
    }

    /** Reads one unmasked server frame and returns its payload. */
    public byte[] readFramePayload() throws IOException {
        int first = in.read();
        int second = in.read();
        if (first < 0 || second < 0) throw new IOException("closed");
        int length = second & 0x7f;
        if (length == 126) length = (in.read() << 8) | in.read();
        else if (length == 127) throw new IOException("frame too long for a test");
        return in.readNBytes(length);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
