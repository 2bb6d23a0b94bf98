package dev.localhome.bootstrap.e2e;

import dev.localhome.adapters.certs.CertificateAuthorities;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.ProxySelector;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The daemon as {@code localhome} runs it: its own JVM process ({@code Main}, no arguments but the port, the CA
 * made for the test and a config file), a temporary {@code HOME}, stopped by a signal like systemd or Ctrl-C stops it.
 * Ready once it printed {@code LISTENING:<port>}; what it logs (stderr) is kept for the test to read.
 */
final class DaemonProcess implements AutoCloseable {
    private static final long START_DEADLINE_SECONDS = 60;

    private final Process process;
    private final int port;
    private final X509Certificate root;
    private final Path rootPem;
    private final List<String> log;

    private DaemonProcess(Process process, int port, X509Certificate root, Path rootPem, List<String> log) {
        this.process = process;
        this.port = port;
        this.root = root;
        this.rootPem = rootPem;
        this.log = log;
    }

    /** A daemon with a CA of its own in {@code directory}/ca and {@code configJson} as its config file. */
    static DaemonProcess start(Path directory, String configJson) throws IOException {
        Path ca = directory.resolve("ca");
        X509Certificate root = CertificateAuthorities.init(ca).root().certificate();
        Path home = Files.createDirectories(directory.resolve("daemon-home"));
        Path config = Files.writeString(directory.resolve("localhome-test.json"), configJson);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder = new ProcessBuilder(java, "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xmx256m",
                "-Djdk.httpclient.allowRestrictedHeaders=host", "-cp", System.getProperty("java.class.path"),
                "dev.localhome.bootstrap.Main", "--port", "0", "--mkcert-ca-root", ca.toString(),
                "--config", config.toString()).directory(directory.toFile());
        builder.environment().keySet().removeIf(key -> key.equals("NAME") || key.startsWith("XDG_")
                || key.equals("PORT") || key.equals("BIND_HOST") || key.equals("MKCERT_CA_ROOT"));
        builder.environment().put("HOME", home.toString());
        Process process = builder.start();
        List<String> log = new CopyOnWriteArrayList<>();
        CompletableFuture<Integer> listening = new CompletableFuture<>();
        daemonThread(() -> readStdout(process, listening), "daemon-stdout").start();
        daemonThread(() -> readStderr(process, log), "daemon-stderr").start();
        try {
            int port = listening.get(START_DEADLINE_SECONDS, TimeUnit.SECONDS);
            return new DaemonProcess(process, port, root, ca.resolve("rootCA.pem"), log);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            throw new IOException("interrupted while starting the daemon", e);
        } catch (ExecutionException | TimeoutException e) {
            process.destroyForcibly();
            throw new IOException("the daemon did not print LISTENING:<port>; its log: " + log, e);
        }
    }

    private static Thread daemonThread(Runnable task, String name) {
        Thread thread = new Thread(task, name);
        thread.setDaemon(true);
        return thread;
    }

    private static void readStdout(Process process, CompletableFuture<Integer> listening) {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null)
                if (line.startsWith("LISTENING:")) listening.complete(Integer.parseInt(line.substring("LISTENING:".length()).trim()));
            listening.completeExceptionally(new IOException("exited with " + process.waitFor()));
        } catch (IOException | InterruptedException | RuntimeException e) {
            listening.completeExceptionally(e);
        }
    }

    private static void readStderr(Process process, List<String> log) {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) if (log.size() < 2_000) log.add(line);
        } catch (IOException e) {
            // the process is gone
        }
    }

    int port() {
        return port;
    }

    Path rootPem() {
        return rootPem;
    }

    /** A client as a browser whose PAC file pointed it here, trusting the test CA. */
    HttpClient browser(HttpClient.Version version) {
        return HttpClient.newBuilder().version(version)
                .proxy(ProxySelector.of(new InetSocketAddress("127.0.0.1", port)))
                .sslContext(Tls.trusting(root)).connectTimeout(Duration.ofSeconds(10)).build();
    }

    /** SIGTERM, as {@code kill <pid>}, systemd or launchd send it. */
    void terminate() {
        process.destroy();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** The exit code, waiting at most {@code bound}: a bound for a busy machine, not a timing assertion. */
    int awaitExit(Duration bound) throws Exception {
        if (!process.waitFor(bound.toMillis(), TimeUnit.MILLISECONDS))
            throw new AssertionError("the daemon had not exited within " + bound + "; its log: " + log);
        return process.exitValue();
    }

    List<String> log() {
        return List.copyOf(log);
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }
}
