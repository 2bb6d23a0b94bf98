package dev.localhome.bootstrap.browser;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A dev server that speaks first, as Vite's HMR socket, socket.io and graphql-ws do: run as a child process with
 * {@code NAME=...} (prints {@code READY:<port>}), it serves the test resources' {@code browser/greeting.html} at
 * {@code /}, and at {@code /ws} answers the upgrade with its {@code 101} <em>and</em> a text frame {@code hello} in a
 * single {@code write}, so both leave in one TCP segment and reach the proxy in one read. Then it echoes text frames
 * and answers a close with the same code.
 *
 * <p>Written on a plain {@link ServerSocket} rather than Netty on purpose: the one write is the point of the test, and
 * here nothing between this class and the socket can split it (Netty's handshaker flushes its {@code 101} by itself).
 */
public final class GreetingSocketBackend {
    static final String GREETING = "hello";
    private static final String ACCEPT_GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";
    private static final int MAX_HEAD_BYTES = 16 * 1024;
    private static final int MAX_FRAME_BYTES = 64 * 1024;

    private GreetingSocketBackend() {}

    public static void main(String[] args) throws Exception {
        ExecutorService connections = Executors.newCachedThreadPool(task -> {
            Thread thread = new Thread(task, "greeting-connection");
            thread.setDaemon(true); // the process ends with main, whatever connections are still open
            return thread;
        });
        try (ServerSocket listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Thread acceptor = new Thread(() -> accept(listener, connections), "greeting-acceptor");
            acceptor.setDaemon(true);
            acceptor.start();
            System.out.println("READY:" + listener.getLocalPort());
            System.out.flush();
            // Ends when the test destroys the process, or when its stdin closes (the test died).
            while (System.in.read() >= 0) { /* wait */ }
        }
    }

    private static void accept(ServerSocket listener, ExecutorService connections) {
        while (!listener.isClosed()) {
            try {
                Socket socket = listener.accept();
                socket.setTcpNoDelay(true);
                connections.execute(() -> serve(socket));
            } catch (IOException e) {
                if (!listener.isClosed()) e.printStackTrace();
            }
        }
    }

    /** HTTP/1.1 with keep-alive until a request asks for {@code /ws}; from then on the socket speaks WebSocket. */
    private static void serve(Socket socket) {
        try (socket) {
            InputStream in = new BufferedInputStream(socket.getInputStream());
            OutputStream out = socket.getOutputStream();
            while (true) {
                Request request = Request.read(in);
                if (request == null) return; // the proxy closed an idle keep-alive connection
                String path = request.target().replaceFirst("\\?.*", "");
                if (path.equals("/ws") && "websocket".equalsIgnoreCase(request.header("upgrade"))) {
                    greetThenEcho(request, new DataInputStream(in), out);
                    return;
                }
                respond(out, path);
            }
        } catch (IOException e) {
            // a peer that went away mid-request or mid-frame: nothing to answer, the page reports what it saw
        }
    }

    private static void respond(OutputStream out, String path) throws IOException {
        byte[] page = null;
        if (path.equals("/")) {
            try (InputStream resource = GreetingSocketBackend.class.getResourceAsStream("/browser/greeting.html")) {
                if (resource != null) page = resource.readAllBytes();
            }
        }
        String status = page != null ? "200 OK" : "404 Not Found";
        byte[] body = page != null ? page : ("no " + path + "\n").getBytes(StandardCharsets.UTF_8);
        String type = page != null ? "text/html; charset=utf-8" : "text/plain; charset=utf-8";
        String head = "HTTP/1.1 " + status + "\r\nContent-Type: " + type + "\r\nContent-Length: " + body.length
                + "\r\nCache-Control: no-store\r\n\r\n";
        out.write(concat(head.getBytes(StandardCharsets.US_ASCII), body));
        out.flush();
    }

    private static void greetThenEcho(Request request, DataInputStream in, OutputStream out) throws IOException {
        String accept = acceptFor(request.header("sec-websocket-key"));
        String head = "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Accept: " + accept + "\r\n\r\n";
        // The whole point: the 101 and the first frame in one write, hence one segment (TCP_NODELAY, loopback MSS).
        out.write(concat(head.getBytes(StandardCharsets.US_ASCII), frame(0x1, GREETING.getBytes(StandardCharsets.UTF_8))));
        out.flush();
        while (true) {
            int first = in.readUnsignedByte();
            int opcode = first & 0x0f;
            byte[] payload = readMaskedPayload(in);
            switch (opcode) {
                case 0x1 -> out.write(frame(0x1, payload)); // text: echoed as it came
                case 0x9 -> out.write(frame(0xa, payload)); // ping: pong
                case 0x8 -> { // close: the same code back, then the server closes the TCP connection (RFC 6455 §7.1.1)
                    out.write(frame(0x8, payload));
                    out.flush();
                    return;
                }
                default -> { /* pong or continuation: the page sends neither in fragments */ }
            }
            out.flush();
        }
    }

    /** A client's frame payload, unmasked (RFC 6455 §5.2: every client frame is masked). */
    private static byte[] readMaskedPayload(DataInputStream in) throws IOException {
        int second = in.readUnsignedByte();
        long length = second & 0x7f;
        if (length == 126) length = in.readUnsignedShort();
        else if (length == 127) length = in.readLong();
        if (length > MAX_FRAME_BYTES) throw new IOException("frame of " + length + " bytes");
        byte[] mask = new byte[4];
        if ((second & 0x80) != 0) in.readFully(mask);
        byte[] payload = new byte[(int) length];
        in.readFully(payload);
        for (int i = 0; i < payload.length; i++) payload[i] ^= mask[i % 4];
        return payload;
    }

    /** An unmasked, final server frame. */
    private static byte[] frame(int opcode, byte[] payload) {
        ByteArrayOutputStream frame = new ByteArrayOutputStream(payload.length + 4);
        frame.write(0x80 | opcode);
        if (payload.length < 126) {
            frame.write(payload.length);
        } else {
            frame.write(126);
            frame.write(payload.length >>> 8);
            frame.write(payload.length & 0xff);
        }
        frame.writeBytes(payload);
        return frame.toByteArray();
    }

    private static String acceptFor(String key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-1").digest((key + ACCEPT_GUID).getBytes(StandardCharsets.US_ASCII));
            return Base64.getEncoder().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-1", e);
        }
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] both = new byte[a.length + b.length];
        System.arraycopy(a, 0, both, 0, a.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }

    /** A request head; the pages here send no bodies, so none is read. */
    private record Request(String target, Map<String, String> headers) {
        /** The next head on the connection, or {@code null} when the peer closed it before sending one. */
        static Request read(InputStream in) throws IOException {
            ByteArrayOutputStream head = new ByteArrayOutputStream();
            int matched = 0; // how much of CR LF CR LF the last bytes were
            while (matched < 4) {
                int b = in.read();
                if (b < 0) {
                    if (head.size() == 0) return null;
                    throw new EOFException("closed mid-head");
                }
                head.write(b);
                if (head.size() > MAX_HEAD_BYTES) throw new IOException("head over " + MAX_HEAD_BYTES + " bytes");
                matched = (b == (matched % 2 == 0 ? '\r' : '\n')) ? matched + 1 : (b == '\r' ? 1 : 0);
            }
            String[] lines = head.toString(StandardCharsets.ISO_8859_1).split("\r\n");
            String[] requestLine = lines[0].split(" ");
            if (requestLine.length != 3) throw new IOException("bad request line: " + lines[0]);
            Map<String, String> headers = new TreeMap<>();
            for (int i = 1; i < lines.length; i++) {
                int colon = lines[i].indexOf(':');
                if (colon > 0) headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
                        lines[i].substring(colon + 1).trim());
            }
            return new Request(requestLine[1], headers);
        }

        String header(String name) {
            return headers.getOrDefault(name, "");
        }
    }
}
