import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ProxySelector;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;

/**
 * The distribution's training run (bootstrap/dist/build.sh): starts the daemon with the flags that record a start-up
 * archive, sends it a few thousand requests over every path a browser takes, then stops it with SIGTERM, as systemd
 * would, so that the archive holds the classes (and on JDK 25 the method profiles, JEP 515) of serving, not only of
 * starting. Run with the JDK that builds the archive, as a source file:
 *
 * <pre>NAME=training java Training.java ROUNDS HOME RUNTIME_JAVA JVM_OPTIONS JAR ARCHIVE_FLAG</pre>
 *
 * This process is the dev server as well: started with {@code NAME}, it listens on loopback and the daemon discovers
 * it like any other (a small HTTP/1.1 server with keep-alive and a WebSocket echo). Loopback only; bounded: every
 * socket has a timeout and the whole run a deadline.
 */
public final class Training {
    private static final Duration DEADLINE = Duration.ofMinutes(5);
    private static final int TIMEOUT_MS = 30_000;
    private static final byte[] PAGE = "<!doctype html><title>training</title><p>hello from the training backend</p>\n"
            .repeat(8).getBytes(StandardCharsets.UTF_8);

    public static void main(String[] args) throws Exception {
        int rounds = Integer.parseInt(args[0]);
        Path home = Path.of(args[1]);
        String name = System.getenv("NAME");
        if (name == null) throw new IllegalStateException("start me with NAME=<name>: I am the daemon's backend");
        long deadline = System.nanoTime() + DEADLINE.toNanos();

        ServerSocket backend = new ServerSocket(0, 200, InetAddress.getLoopbackAddress());
        daemonThread(() -> serve(backend));

        List<String> command = new ArrayList<>(List.of(args[2], "@" + args[3], args[5], "-cp", args[4],
                "dev.localhome.bootstrap.Main", "--port", "0"));
        ProcessBuilder builder = new ProcessBuilder(command).directory(home.toFile())
                .redirectError(home.resolve("daemon.log").toFile());
        builder.environment().clear();
        builder.environment().putAll(java.util.Map.of("PATH", "/usr/bin:/bin", "HOME", home.toString()));
        Process daemon = builder.start();
        try {
            int port = listeningPort(daemon);
            say("daemon listening on " + port + "; " + rounds + " requests a path, through " + name);
            SSLContext trusting = trusting(home);
            awaitDiscovered(port, name, deadline);
            train(port, name, rounds, trusting, deadline);
            daemon.destroy(); // SIGTERM: the daemon's own stop, after which the JVM writes the archive
            if (!daemon.waitFor(DEADLINE.toSeconds(), TimeUnit.SECONDS)) throw new IllegalStateException("no stop");
            if (daemon.exitValue() != 0) throw new IllegalStateException("the daemon exited with " + daemon.exitValue());
            say("daemon stopped");
        } finally {
            daemon.destroyForcibly();
            backend.close();
        }
    }

    private static void train(int port, String name, int rounds, SSLContext trusting, long deadline) throws Exception {
        String host = name + ".localhost:" + port;
        timed("reverse by Host (keep-alive)", () -> keepAlive(port, "GET / HTTP/1.1\r\nHost: " + host + "\r\n\r\n",
                rounds, deadline));
        timed("absolute-form, as a browser's PAC sends it", () -> keepAlive(port,
                "GET http://" + name + "/page HTTP/1.1\r\nHost: " + name + "\r\n\r\n", rounds, deadline));
        timed("CONNECT :80", () -> {
            for (int i = 0; i < Math.max(1, rounds / 20); i++) connectPort80(port, name, 20, deadline);
        });
        timed("new connection per request", () -> {
            for (int i = 0; i < rounds / 10; i++) keepAlive(port, "GET / HTTP/1.1\r\nHost: " + host
                    + "\r\nConnection: close\r\n\r\n", 1, deadline);
        });
        timed("the dashboard, its API and the PAC file", () -> {
            for (int i = 0; i < Math.max(1, rounds / 50); i++) {
                keepAlive(port, "GET / HTTP/1.1\r\nHost: localhost:" + port + "\r\n\r\n", 2, deadline);
                keepAlive(port, "GET /api/status HTTP/1.1\r\nHost: localhost:" + port + "\r\n\r\n", 2, deadline);
                keepAlive(port, "GET /proxy.pac HTTP/1.1\r\nHost: localhost:" + port + "\r\n\r\n", 2, deadline);
            }
        });
        timed("WebSocket (reverse)", () -> {
            for (int i = 0; i < Math.max(1, rounds / 100); i++) webSocket(port, host, 50);
        });
        if (trusting == null) {
            say("no CA: the TLS paths are not trained");
            return;
        }
        timed("TLS on the daemon's own port (h1)", () -> {
            for (int i = 0; i < Math.max(1, rounds / 50); i++) ownPortTls(port, name, trusting, 50);
        });
        for (HttpClient.Version version : List.of(HttpClient.Version.HTTP_1_1, HttpClient.Version.HTTP_2)) {
            timed("intercepted https:// through the proxy, " + version, () -> {
                for (int i = 0; i < Math.max(1, rounds / 400); i++) {
                    // a client a round: each starts with CONNECT and a full handshake, as a browser's first visit
                    HttpClient client = HttpClient.newBuilder().version(version).sslContext(trusting)
                            .proxy(ProxySelector.of(new InetSocketAddress("127.0.0.1", port)))
                            .connectTimeout(Duration.ofSeconds(30)).build();
                    for (int batch = 0; batch < 20; batch++) { // 10 at once: a page's worth, not a flood
                        List<java.util.concurrent.CompletableFuture<HttpResponse<byte[]>>> pending = new ArrayList<>();
                        for (int r = 0; r < 10; r++)
                            pending.add(client.sendAsync(HttpRequest.newBuilder(URI.create("https://" + name + "/x" + r))
                                    .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofByteArray()));
                        for (var response : pending) expect200(response.get(30, TimeUnit.SECONDS).statusCode());
                    }
                    if (System.nanoTime() > deadline) throw new IllegalStateException("past the deadline");
                }
            });
        }
    }

    // --- the client side --------------------------------------------------------------------------------------

    /** {@code count} requests on one connection, each answered before the next is sent. */
    private static void keepAlive(int port, String request, int count, long deadline) throws IOException {
        try (Socket socket = connect(port)) {
            OutputStream out = socket.getOutputStream();
            InputStream in = socket.getInputStream();
            for (int i = 0; i < count; i++) {
                out.write(request.getBytes(StandardCharsets.ISO_8859_1));
                out.flush();
                readResponse(in);
                if (System.nanoTime() > deadline) throw new IllegalStateException("past the deadline");
            }
        }
    }

    private static void connectPort80(int port, String name, int count, long deadline) throws IOException {
        try (Socket socket = connect(port)) {
            OutputStream out = socket.getOutputStream();
            InputStream in = socket.getInputStream();
            out.write(("CONNECT " + name + ":80 HTTP/1.1\r\nHost: " + name + ":80\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            String head = readHead(in);
            if (!head.startsWith("HTTP/1.1 200")) throw new IllegalStateException("CONNECT answered " + head);
            for (int i = 0; i < count; i++) {
                out.write(("GET / HTTP/1.1\r\nHost: " + name + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
                out.flush();
                readResponse(in);
            }
        }
    }

    private static void ownPortTls(int port, String name, SSLContext trusting, int count) throws IOException {
        try (Socket plain = connect(port);
             SSLSocket tls = (SSLSocket) trusting.getSocketFactory().createSocket(plain, name + ".localhost", port,
                     true)) {
            SSLParameters parameters = tls.getSSLParameters();
            parameters.setServerNames(List.of(new SNIHostName(name + ".localhost")));
            parameters.setApplicationProtocols(new String[] {"http/1.1"});
            tls.setSSLParameters(parameters);
            OutputStream out = tls.getOutputStream();
            InputStream in = tls.getInputStream();
            for (int i = 0; i < count; i++) {
                out.write(("GET / HTTP/1.1\r\nHost: " + name + ".localhost:" + port + "\r\n\r\n")
                        .getBytes(StandardCharsets.ISO_8859_1));
                out.flush();
                readResponse(in);
            }
        }
    }

    private static void webSocket(int port, String host, int messages) throws IOException {
        try (Socket socket = connect(port)) {
            OutputStream out = socket.getOutputStream();
            InputStream in = socket.getInputStream();
            out.write(("GET /ws HTTP/1.1\r\nHost: " + host + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                    + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            String head = readHead(in);
            if (!head.startsWith("HTTP/1.1 101")) throw new IllegalStateException("the upgrade answered " + head);
            byte[] payload = "hello over a websocket".getBytes(StandardCharsets.UTF_8);
            for (int i = 0; i < messages; i++) {
                out.write(maskedTextFrame(payload));
                out.flush();
                readFrame(in);
            }
        }
    }

    private static Socket connect(int port) throws IOException {
        Socket socket = new Socket(InetAddress.getLoopbackAddress(), port);
        socket.setSoTimeout(TIMEOUT_MS);
        socket.setTcpNoDelay(true);
        return socket;
    }

    private static void readResponse(InputStream in) throws IOException {
        String head = readHead(in);
        if (!head.startsWith("HTTP/1.1 ")) throw new IOException("not a response: " + head);
        int status = Integer.parseInt(head.substring(9, 12));
        if (status >= 400) throw new IOException("answered " + head.lines().findFirst().orElse(head));
        String lower = head.toLowerCase(Locale.ROOT);
        int at = lower.indexOf("content-length:");
        if (at >= 0) {
            int end = lower.indexOf('\r', at);
            in.readNBytes(Integer.parseInt(lower.substring(at + 15, end).trim()));
        } else if (lower.contains("transfer-encoding: chunked")) {
            while (true) {
                int size = Integer.parseInt(readLine(in).split(";")[0].trim(), 16);
                in.readNBytes(size);
                readLine(in);
                if (size == 0) break;
            }
        }
    }

    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int lastFour = 0;
        while (lastFour != 0x0d0a0d0a) {
            int b = in.read();
            if (b < 0) throw new IOException("closed before a whole head: " + head);
            head.write(b);
            lastFour = (lastFour << 8) | b;
        }
        return head.toString(StandardCharsets.ISO_8859_1);
    }

    private static String readLine(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) throw new IOException("closed in a chunked body");
            if (b != '\r') line.append((char) b);
        }
        return line.toString();
    }

    private static byte[] maskedTextFrame(byte[] payload) {
        byte[] frame = new byte[6 + payload.length];
        frame[0] = (byte) 0x81;
        frame[1] = (byte) (0x80 | payload.length);
        byte[] mask = {1, 2, 3, 4};
        System.arraycopy(mask, 0, frame, 2, 4);
        for (int i = 0; i < payload.length; i++) frame[6 + i] = (byte) (payload[i] ^ mask[i % 4]);
        return frame;
    }

    /** One unmasked frame of up to 125 bytes (what the server side sends): its payload. */
    private static byte[] readFrame(InputStream in) throws IOException {
        int first = in.read();
        int length = in.read();
        if (first < 0 || length < 0) throw new IOException("closed in a WebSocket frame");
        boolean masked = (length & 0x80) != 0;
        byte[] mask = masked ? in.readNBytes(4) : null;
        byte[] payload = in.readNBytes(length & 0x7f);
        if (masked) for (int i = 0; i < payload.length; i++) payload[i] ^= mask[i % 4];
        return payload;
    }

    // --- the dev server ---------------------------------------------------------------------------------------

    private static void serve(ServerSocket server) {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                socket.setSoTimeout(TIMEOUT_MS);
                socket.setTcpNoDelay(true);
                daemonThread(() -> answer(socket));
            } catch (IOException e) {
                return; // closed at the end of the run
            }
        }
    }

    private static void answer(Socket socket) {
        try (socket) {
            InputStream in = socket.getInputStream();
            OutputStream out = socket.getOutputStream();
            while (true) {
                String head;
                try {
                    head = readHead(in);
                } catch (IOException closed) {
                    return;
                }
                String lower = head.toLowerCase(Locale.ROOT);
                int at = lower.indexOf("content-length:");
                if (at >= 0) in.readNBytes(Integer.parseInt(lower.substring(at + 15, lower.indexOf('\r', at)).trim()));
                if (lower.contains("upgrade: websocket")) {
                    echoWebSocket(head, in, out);
                    return;
                }
                out.write(("HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: "
                        + PAGE.length + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
                out.write(PAGE);
                out.flush();
                if (lower.contains("connection: close")) return;
            }
        } catch (IOException e) {
            // the client went: nothing to answer
        }
    }

    private static void echoWebSocket(String head, InputStream in, OutputStream out) throws IOException {
        String key = head.lines().filter(l -> l.toLowerCase(Locale.ROOT).startsWith("sec-websocket-key:"))
                .map(l -> l.substring(l.indexOf(':') + 1).trim()).findFirst().orElse("");
        String accept;
        try {
            accept = Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-1")
                    .digest((key + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11").getBytes(StandardCharsets.ISO_8859_1)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        out.write(("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Accept: " + accept + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
        while (true) {
            byte[] payload;
            try {
                payload = readFrame(in);
            } catch (IOException closed) {
                return;
            }
            out.write(new byte[] {(byte) 0x81, (byte) payload.length});
            out.write(payload);
            out.flush();
        }
    }

    // --- set-up -----------------------------------------------------------------------------------------------

    private static int listeningPort(Process daemon) throws IOException {
        BufferedReader stdout = new BufferedReader(new InputStreamReader(daemon.getInputStream(), StandardCharsets.UTF_8));
        for (String line = stdout.readLine(); line != null; line = stdout.readLine())
            if (line.startsWith("LISTENING:")) return Integer.parseInt(line.substring("LISTENING:".length()).trim());
        throw new IllegalStateException("the daemon exited without saying LISTENING");
    }

    /** The CA {@code localhome ca init} made in the training home, or null when there is none. */
    private static SSLContext trusting(Path home) throws Exception {
        Path pem = home.resolve(".local/share/localhome/rootCA.pem");
        if (!Files.exists(pem)) return null;
        X509Certificate root;
        try (InputStream in = Files.newInputStream(pem)) {
            root = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
        KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
        store.load(null, null);
        store.setCertificateEntry("localhome", root);
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(store);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        return context;
    }

    /** Until the daemon routes {@code name}: its first scan runs after it listens. */
    private static void awaitDiscovered(int port, String name, long deadline) throws Exception {
        while (true) {
            try {
                keepAlive(port, "GET / HTTP/1.1\r\nHost: " + name + ".localhost:" + port + "\r\n\r\n", 1, deadline);
                return;
            } catch (IOException notYet) {
                if (System.nanoTime() > deadline) throw new IllegalStateException("the daemon never found " + name);
                Thread.sleep(100);
            }
        }
    }

    /** Runs on JDK 17 as well (the runtime of the archive's fallback), so no Thread.ofPlatform(). */
    private static void daemonThread(Runnable body) {
        Thread thread = new Thread(body);
        thread.setDaemon(true);
        thread.start();
    }

    private interface Step {
        void run() throws Exception;
    }

    private static void timed(String path, Step step) throws Exception {
        long started = System.nanoTime();
        step.run();
        say(path + ": " + (System.nanoTime() - started) / 1_000_000 + " ms");
    }

    private static void expect200(int status) {
        if (status != 200) throw new IllegalStateException("answered " + status);
    }

    private static void say(String line) {
        System.out.println("[training] " + line);
    }
}
