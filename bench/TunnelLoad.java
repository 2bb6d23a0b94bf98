import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;

/**
 * Load generator for localhome's intercepted tunnels, JDK only, one file: {@code java bench/TunnelLoad.java ...}.
 *
 * <p>Each tunnel: a plain {@link Socket} to the proxy, {@code CONNECT <name>:443}, the {@code 200}, then TLS on that
 * same socket ({@link SSLSocketFactory#createSocket(Socket, String, int, boolean)}) trusting only the given CA PEM,
 * with hostname verification for {@code <name>}, ALPN {@code http/1.1}; then HTTP/1.1 written by hand
 * ({@code Host: <name>}) and the response read by {@code Content-Length}.
 *
 * <pre>
 * modes:
 *   new-tunnel   each iteration: CONNECT + full TLS handshake + one GET, then close (no session resumption
 *                unless --resume)
 *   keepalive    each worker opens a tunnel and sends --per-tunnel K requests on it (default 100), then reopens
 *   first        for each name in --names (comma separated): tunnel 1 (first ever: includes minting) and tunnel 2,
 *                with a phase breakdown (TCP connect, CONNECT→200, TLS handshake, request)
 * options:
 *   --proxy host:port (127.0.0.1:9090)  --name bench  --ca rootCA.pem  --mode keepalive
 *   --concurrency C (1)  --duration seconds (15)  --max requests (1000000)  --per-tunnel K (100)
 *   --timeout-ms (5000)  --path /  --resume  --label text
 * </pre>
 *
 * <p>Prints a table and one line {@code JSON {...}}. Errors by kind: connect_refused, connect_rejected (the CONNECT
 * was closed or not answered 200), tls (handshake failure), closed_before_response, reset, timeout, bad_status,
 * bad_response, other. Bounded by duration AND by the request count; no sleeps in the hot loop.
 */
public final class TunnelLoad {

    record Options(String proxyHost, int proxyPort, String name, Path ca, String mode, int concurrency,
                   double durationSeconds, long maxRequests, int perTunnel, int timeoutMs, String path, boolean resume,
                   String label, List<String> names) {}

    static Options parse(String[] args) {
        Map<String, String> o = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (!a.startsWith("--")) throw new IllegalArgumentException("unexpected argument " + a);
            String key = a.substring(2);
            if (key.equals("resume")) o.put(key, "true");
            else if (i + 1 < args.length) o.put(key, args[++i]);
            else throw new IllegalArgumentException("missing value for " + a);
        }
        String proxy = o.getOrDefault("proxy", "127.0.0.1:9090");
        int colon = proxy.lastIndexOf(':');
        String mode = o.getOrDefault("mode", "keepalive");
        if (!List.of("new-tunnel", "keepalive", "first").contains(mode)) throw new IllegalArgumentException("mode " + mode);
        if (!o.containsKey("ca")) throw new IllegalArgumentException("--ca <rootCA.pem> is required");
        return new Options(proxy.substring(0, colon), Integer.parseInt(proxy.substring(colon + 1)),
                o.getOrDefault("name", "bench"), Path.of(o.get("ca")), mode,
                Integer.parseInt(o.getOrDefault("concurrency", "1")),
                Double.parseDouble(o.getOrDefault("duration", "15")),
                Long.parseLong(o.getOrDefault("max", "1000000")),
                Integer.parseInt(o.getOrDefault("per-tunnel", "100")),
                Integer.parseInt(o.getOrDefault("timeout-ms", "5000")),
                o.getOrDefault("path", "/"), o.containsKey("resume"), o.getOrDefault("label", ""),
                o.containsKey("names") ? List.of(o.get("names").split(",")) : List.of());
    }

    static SSLContext trusting(Path caPem) throws Exception {
        X509Certificate ca;
        try (InputStream in = Files.newInputStream(caPem)) {
            ca = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("ca", ca);
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(null, tmf.getTrustManagers(), null);
        return ctx;
    }

    /** Thrown with the kind of error it counts as. */
    static final class Failure extends Exception {
        final String kind;

        Failure(String kind, String message) {
            super(message, null, false, false);
            this.kind = kind;
        }
    }

    static String kindOf(Throwable t) {
        if (t instanceof Failure f) return f.kind;
        if (t instanceof ConnectException) return "connect_refused";
        if (t instanceof SocketTimeoutException) return "timeout";
        if (t instanceof SSLException) {
            String m = String.valueOf(t.getMessage()).toLowerCase(Locale.ROOT);
            if (m.contains("reset")) return "reset";
            return "tls";
        }
        if (t instanceof EOFException) return "closed_before_response";
        if (t instanceof SocketException) {
            String m = String.valueOf(t.getMessage()).toLowerCase(Locale.ROOT);
            if (m.contains("reset")) return "reset";
            if (m.contains("broken pipe") || m.contains("closed")) return "closed_before_response";
        }
        return "other";
    }

    /** Phase times of one tunnel set-up, in nanoseconds. */
    static final class Setup {
        long tcp, connect, handshake;
    }

    static final class Tunnel implements AutoCloseable {
        final SSLSocket tls;
        final InputStream in;
        final OutputStream out;
        final byte[] request;

        Tunnel(SSLSocket tls, byte[] request) throws IOException {
            this.tls = tls;
            this.in = new BufferedInputStream(tls.getInputStream(), 16 * 1024);
            this.out = tls.getOutputStream();
            this.request = request;
        }

        /** One GET; returns true when the server keeps the connection open. */
        boolean get() throws IOException, Failure {
            out.write(request);
            out.flush();
            String status = line(in, true);
            if (!status.startsWith("HTTP/1.1 ") && !status.startsWith("HTTP/1.0 ")) throw new Failure("bad_response", status);
            int code = Integer.parseInt(status.substring(9, 12));
            long length = -1;
            boolean close = status.startsWith("HTTP/1.0");
            for (String h; !(h = line(in, false)).isEmpty(); ) {
                int c = h.indexOf(':');
                if (c < 0) continue;
                String k = h.substring(0, c).trim().toLowerCase(Locale.ROOT);
                String v = h.substring(c + 1).trim();
                if (k.equals("content-length")) length = Long.parseLong(v);
                else if (k.equals("connection")) close = v.equalsIgnoreCase("close");
                else if (k.equals("transfer-encoding")) throw new Failure("bad_response", "chunked response not expected");
            }
            if (length < 0) throw new Failure("bad_response", "no Content-Length");
            for (long left = length; left > 0; ) {
                long n = in.skip(left);
                if (n <= 0) {
                    if (in.read() < 0) throw new Failure("closed_before_response", "EOF in body");
                    n = 1;
                }
                left -= n;
            }
            if (code != 200) throw new Failure("bad_status", "status " + code);
            return !close;
        }

        @Override
        public void close() {
            try {
                tls.close();
            } catch (IOException ignored) {
                // closing is best effort
            }
        }
    }

    /** Reads one CRLF-terminated line; at the first byte of a response, EOF means closed before response. */
    static String line(InputStream in, boolean first) throws IOException, Failure {
        StringBuilder sb = new StringBuilder(64);
        for (int b; ; ) {
            b = in.read();
            if (b < 0) throw new Failure("closed_before_response", first && sb.length() == 0 ? "EOF before response" : "EOF in head");
            if (b == '\n') break;
            if (b != '\r') sb.append((char) b);
            if (sb.length() > 16 * 1024) throw new Failure("bad_response", "header line too long");
        }
        return sb.toString();
    }

    static Tunnel open(Options o, String name, SSLSocketFactory factory, Setup setup) throws Exception {
        long t0 = System.nanoTime();
        Socket raw = new Socket();
        try {
            raw.setTcpNoDelay(true);
            raw.setSoTimeout(o.timeoutMs());
            raw.connect(new InetSocketAddress(o.proxyHost(), o.proxyPort()), o.timeoutMs());
            long t1 = System.nanoTime();
            OutputStream rawOut = raw.getOutputStream();
            rawOut.write(("CONNECT " + name + ":443 HTTP/1.1\r\nHost: " + name + ":443\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            rawOut.flush();
            InputStream rawIn = raw.getInputStream(); // unbuffered: not a byte of the TLS stream may be read here
            String status;
            try {
                status = line(rawIn, true);
            } catch (Failure f) {
                throw new Failure("connect_rejected", "CONNECT closed: " + f.getMessage());
            } catch (SocketTimeoutException e) {
                throw new Failure("timeout", "no answer to CONNECT " + name + ":443 within " + o.timeoutMs() + " ms");
            }
            if (!status.matches("HTTP/1\\.[01] 200.*")) throw new Failure("connect_rejected", status);
            while (!line(rawIn, false).isEmpty()) {
                // skip the rest of the CONNECT response head
            }
            long t2 = System.nanoTime();
            SSLSocket tls = (SSLSocket) factory.createSocket(raw, name, 443, true);
            SSLParameters params = tls.getSSLParameters();
            params.setEndpointIdentificationAlgorithm("HTTPS");
            params.setServerNames(List.of(new SNIHostName(name)));
            params.setApplicationProtocols(new String[] {"http/1.1"});
            tls.setSSLParameters(params);
            try {
                tls.startHandshake();
            } catch (SSLException e) {
                String m = String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT);
                throw new Failure(m.contains("reset") ? "reset" : "tls", e.toString());
            } catch (EOFException | SocketException e) {
                throw new Failure("tls", "during handshake: " + e);
            }
            long t3 = System.nanoTime();
            if (!o.resume()) tls.getSession().invalidate(); // the next tunnel does a full handshake
            if (setup != null) {
                setup.tcp = t1 - t0;
                setup.connect = t2 - t1;
                setup.handshake = t3 - t2;
            }
            byte[] request = ("GET " + o.path() + " HTTP/1.1\r\nHost: " + name + "\r\nUser-Agent: TunnelLoad\r\nAccept: */*\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII);
            return new Tunnel(tls, request);
        } catch (Exception e) {
            raw.close();
            throw e;
        }
    }

    /** Per-worker samples (nanoseconds), merged at the end. */
    static final class Samples {
        long[] v = new long[1 << 14];
        int n;

        void add(long x) {
            if (n == v.length) v = Arrays.copyOf(v, n * 2);
            v[n++] = x;
        }
    }

    static final class Stats {
        final LongAdder requests = new LongAdder();
        final LongAdder tunnels = new LongAdder();
        final Map<String, LongAdder> errors = new ConcurrentHashMap<>();
        final Map<String, String> firstMessage = new ConcurrentHashMap<>();

        void error(Throwable t) {
            String kind = kindOf(t);
            errors.computeIfAbsent(kind, k -> new LongAdder()).increment();
            firstMessage.putIfAbsent(kind, t.toString());
        }
    }

    public static void main(String[] args) throws Exception {
        Options o = parse(args);
        SSLSocketFactory factory = trusting(o.ca()).getSocketFactory();
        if (o.mode().equals("first")) {
            first(o, factory);
            return;
        }
        Stats stats = new Stats();
        AtomicLong budget = new AtomicLong(o.maxRequests());
        Samples[] latencies = new Samples[o.concurrency()];
        Samples[] setups = new Samples[o.concurrency()];
        long start = System.nanoTime();
        long deadline = start + (long) (o.durationSeconds() * 1e9);
        Thread[] workers = new Thread[o.concurrency()];
        for (int w = 0; w < workers.length; w++) {
            Samples lat = latencies[w] = new Samples();
            Samples set = setups[w] = new Samples();
            workers[w] = new Thread(() -> work(o, factory, stats, budget, deadline, lat, set), "worker-" + w);
        }
        for (Thread t : workers) t.start();
        for (Thread t : workers) t.join();
        double elapsed = (System.nanoTime() - start) / 1e9;
        report(o, stats, merge(latencies), merge(setups), elapsed);
    }

    static void work(Options o, SSLSocketFactory factory, Stats stats, AtomicLong budget, long deadline, Samples lat, Samples set) {
        boolean newTunnel = o.mode().equals("new-tunnel");
        Setup setup = new Setup();
        while (System.nanoTime() < deadline && budget.getAndDecrement() > 0) {
            long t0 = System.nanoTime();
            Tunnel tunnel;
            try {
                tunnel = open(o, o.name(), factory, setup);
            } catch (Throwable e) {
                stats.error(e);
                continue;
            }
            stats.tunnels.increment();
            set.add(System.nanoTime() - t0);
            try (tunnel) {
                boolean firstRequest = true;
                for (int i = 0; i < (newTunnel ? 1 : o.perTunnel()); i++) {
                    if (!firstRequest && (System.nanoTime() >= deadline || budget.getAndDecrement() <= 0)) break;
                    firstRequest = false;
                    long r0 = System.nanoTime();
                    boolean open;
                    try {
                        open = tunnel.get();
                    } catch (Throwable e) {
                        stats.error(e);
                        break;
                    }
                    long now = System.nanoTime();
                    lat.add(newTunnel ? now - t0 : now - r0);
                    stats.requests.increment();
                    if (!open) break;
                }
            }
        }
    }

    static long[] merge(Samples[] all) {
        int n = 0;
        for (Samples s : all) n += s.n;
        long[] out = new long[n];
        int i = 0;
        for (Samples s : all) {
            System.arraycopy(s.v, 0, out, i, s.n);
            i += s.n;
        }
        Arrays.sort(out);
        return out;
    }

    static double pct(long[] sorted, double p) {
        if (sorted.length == 0) return Double.NaN;
        int i = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))] / 1e6;
    }

    static String fmt(double ms) {
        return Double.isNaN(ms) ? "null" : String.format(Locale.ROOT, "%.3f", ms);
    }

    static void report(Options o, Stats stats, long[] lat, long[] set, double elapsed) {
        long requests = stats.requests.sum();
        long tunnels = stats.tunnels.sum();
        Map<String, Long> errors = new TreeMap<>();
        stats.errors.forEach((k, v) -> errors.put(k, v.sum()));
        long errorTotal = errors.values().stream().mapToLong(Long::longValue).sum();
        String what = o.mode().equals("new-tunnel") ? "tunnel (connect+CONNECT+TLS+GET)" : "request on open tunnel";
        System.out.printf(Locale.ROOT, "mode %s, %d tunnels concurrently, %.2f s, name %s via %s:%d%s%n", o.mode(), o.concurrency(),
                elapsed, o.name(), o.proxyHost(), o.proxyPort(), o.resume() ? ", session resumption on" : ", full handshakes");
        System.out.printf(Locale.ROOT, "| %-32s | %12s |%n", "metric", "value");
        System.out.printf(Locale.ROOT, "| %-32s | %12d |%n", "tunnels opened", tunnels);
        System.out.printf(Locale.ROOT, "| %-32s | %12d |%n", "requests ok", requests);
        System.out.printf(Locale.ROOT, "| %-32s | %12.1f |%n", "tunnels/s", tunnels / elapsed);
        System.out.printf(Locale.ROOT, "| %-32s | %12.1f |%n", "requests/s", requests / elapsed);
        System.out.printf(Locale.ROOT, "| %-32s | %12s |%n", "latency p50 ms (" + (o.mode().equals("new-tunnel") ? "tunnel" : "request") + ")", fmt(pct(lat, 50)));
        System.out.printf(Locale.ROOT, "| %-32s | %12s |%n", "latency p99 ms", fmt(pct(lat, 99)));
        System.out.printf(Locale.ROOT, "| %-32s | %12s |%n", "latency max ms", fmt(pct(lat, 100)));
        System.out.printf(Locale.ROOT, "| %-32s | %12s |%n", "tunnel set-up p50 / p99 ms", fmt(pct(set, 50)) + " / " + fmt(pct(set, 99)));
        System.out.printf(Locale.ROOT, "| %-32s | %12d |%n", "errors", errorTotal);
        errors.forEach((k, v) -> System.out.printf(Locale.ROOT, "| %-32s | %12d |%n", "  " + k, v));
        stats.firstMessage.forEach((k, m) -> System.out.println("first " + k + ": " + m));
        StringBuilder json = new StringBuilder("{");
        json.append("\"label\":\"").append(o.label()).append("\",\"mode\":\"").append(o.mode()).append("\",\"concurrency\":").append(o.concurrency())
                .append(",\"per_tunnel\":").append(o.mode().equals("new-tunnel") ? 1 : o.perTunnel())
                .append(",\"resume\":").append(o.resume())
                .append(",\"elapsed_s\":").append(String.format(Locale.ROOT, "%.3f", elapsed))
                .append(",\"tunnels\":").append(tunnels).append(",\"requests\":").append(requests)
                .append(",\"tunnels_per_s\":").append(String.format(Locale.ROOT, "%.1f", tunnels / elapsed))
                .append(",\"requests_per_s\":").append(String.format(Locale.ROOT, "%.1f", requests / elapsed))
                .append(",\"latency\":\"").append(what).append("\"")
                .append(",\"p50_ms\":").append(fmt(pct(lat, 50))).append(",\"p99_ms\":").append(fmt(pct(lat, 99)))
                .append(",\"max_ms\":").append(fmt(pct(lat, 100)))
                .append(",\"setup_p50_ms\":").append(fmt(pct(set, 50))).append(",\"setup_p99_ms\":").append(fmt(pct(set, 99)))
                .append(",\"errors\":{");
        String sep = "";
        for (var e : errors.entrySet()) {
            json.append(sep).append('"').append(e.getKey()).append("\":").append(e.getValue());
            sep = ",";
        }
        json.append("},\"error_total\":").append(errorTotal).append('}');
        System.out.println("JSON " + json);
    }

    /** First tunnel to each never-seen name (mint + handshake) against a second tunnel to it. */
    static void first(Options o, SSLSocketFactory factory) throws Exception {
        if (o.names().isEmpty()) throw new IllegalArgumentException("--mode first needs --names a,b,c");
        // warm the client side (JSSE classes, JIT) on the already-minted --name, so the first measured name pays no
        // client-side class loading
        for (int i = 0; i < 20; i++) {
            try (Tunnel t = open(o, o.name(), factory, null)) {
                t.get();
            } catch (Exception e) {
                System.out.println("client warm-up tunnel to " + o.name() + " failed: " + kindOf(e) + " " + e.getMessage());
                break;
            }
        }
        System.out.println("| name | tunnel | total ms | TCP connect | CONNECT→200 | TLS handshake | GET |");
        System.out.println("|---|---:|---:|---:|---:|---:|---:|");
        List<double[]> firsts = new ArrayList<>();
        List<double[]> seconds = new ArrayList<>();
        int errors = 0;
        for (String name : o.names()) {
            for (int k = 1; k <= 2; k++) {
                Setup s = new Setup();
                long t0 = System.nanoTime();
                double[] row;
                try (Tunnel t = open(o, name, factory, s)) {
                    long r0 = System.nanoTime();
                    t.get();
                    long end = System.nanoTime();
                    row = new double[] {(end - t0) / 1e6, s.tcp / 1e6, s.connect / 1e6, s.handshake / 1e6, (end - r0) / 1e6};
                } catch (Exception e) {
                    errors++;
                    System.out.printf(Locale.ROOT, "| %s | %d | **error %s** after %.0f ms: %s | | | | |%n", name, k, kindOf(e),
                            (System.nanoTime() - t0) / 1e6, e.getMessage());
                    continue;
                }
                (k == 1 ? firsts : seconds).add(row);
                System.out.printf(Locale.ROOT, "| %s | %d | %.2f | %.2f | %.2f | %.2f | %.2f |%n", name, k, row[0], row[1], row[2], row[3], row[4]);
            }
        }
        double[] f = firsts.stream().mapToDouble(r -> r[0]).sorted().toArray();
        double[] s = seconds.stream().mapToDouble(r -> r[0]).sorted().toArray();
        System.out.printf(Locale.ROOT, "JSON {\"mode\":\"first\",\"names\":%d,\"first_ok\":%d,\"first_p50_ms\":%s,\"first_max_ms\":%s,\"second_ok\":%d,\"second_p50_ms\":%s,\"second_max_ms\":%s,\"error_total\":%d}%n",
                o.names().size(), f.length, med(f), max(f), s.length, med(s), max(s), errors);
    }

    static String med(double[] sorted) {
        return sorted.length == 0 ? "null" : String.format(Locale.ROOT, "%.3f", sorted[(sorted.length - 1) / 2]);
    }

    static String max(double[] sorted) {
        return sorted.length == 0 ? "null" : String.format(Locale.ROOT, "%.3f", sorted[sorted.length - 1]);
    }
}
