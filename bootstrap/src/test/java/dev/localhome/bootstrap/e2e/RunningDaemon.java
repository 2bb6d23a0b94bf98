package dev.localhome.bootstrap.e2e;

import dev.localhome.adapters.certs.CertificateAuthorities;
import dev.localhome.adapters.netty.testing.RawConnection;
import dev.localhome.bootstrap.config.Config;
import dev.localhome.bootstrap.config.ConfigLoader;
import dev.localhome.bootstrap.config.Flags;
import dev.localhome.bootstrap.config.Environment;
import dev.localhome.bootstrap.daemon.Daemon;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ProxySelector;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import javax.net.ssl.SSLContext;

/**
 * The fully wired daemon, in-process on a free port, with a temporary {@code HOME} and no {@code PATH}: the machine's
 * own config, mkcert and CA are never used. With a CA made for the test, or without any.
 */
final class RunningDaemon implements AutoCloseable {
    static {
        // surefire sets this (parent pom); repeated here so the tests also run from an IDE
        if (System.getProperty("jdk.httpclient.allowRestrictedHeaders") == null)
            System.setProperty("jdk.httpclient.allowRestrictedHeaders", "host");
    }

    private final Daemon daemon;
    private final Optional<X509Certificate> root;
    private final Optional<Path> caDirectory;

    private RunningDaemon(Daemon daemon, Optional<X509Certificate> root, Optional<Path> caDirectory) {
        this.daemon = daemon;
        this.root = root;
        this.caDirectory = caDirectory;
    }

    /** A daemon that intercepts HTTPS with a CA created for this test in {@code directory}/ca. */
    static RunningDaemon withCa(Path directory) {
        return withCa(directory, UnaryOperator.identity());
    }

    /** The same with settings of the test's own, e.g. a config file's {@code "forwardedHeaders": false}. */
    static RunningDaemon withCa(Path directory, UnaryOperator<Config> settings) {
        Path ca = directory.resolve("ca");
        X509Certificate root = CertificateAuthorities.init(ca).root().certificate();
        Daemon daemon = Daemon.start(settings.apply(Config.defaults().withPort(0).withMkcertCaRoot(ca)), machine(directory));
        return new RunningDaemon(daemon, Optional.of(root), Optional.of(ca));
    }

    /**
     * As {@link #withCa(Path)}, returned as soon as it listens, as {@code localhome run} says {@code LISTENING}: its
     * first discovery scan may still be running.
     */
    static RunningDaemon withCaJustListening(Path directory) {
        Path ca = directory.resolve("ca");
        X509Certificate root = CertificateAuthorities.init(ca).root().certificate();
        Daemon daemon = Daemon.startListening(Config.defaults().withPort(0).withMkcertCaRoot(ca), machine(directory));
        return new RunningDaemon(daemon, Optional.of(root), Optional.of(ca));
    }

    /** A daemon that finds no CA anywhere: interception off, everything else on. */
    static RunningDaemon withoutCa(Path directory) {
        return new RunningDaemon(Daemon.start(Config.defaults().withPort(0), machine(directory)), Optional.empty(),
                Optional.empty());
    }

    /** A daemon without a CA, with {@code config} and these variables in its environment besides {@code HOME}. */
    static RunningDaemon withoutCa(Path directory, Config config, Map<String, String> variables) {
        return new RunningDaemon(Daemon.start(config, machine(directory, variables)), Optional.empty(), Optional.empty());
    }

    /**
     * A daemon without a CA, configured as {@code localhome} would be from no flags and these variables (add
     * {@code PORT=0}): the environment's layers apply, {@code NAME} among them.
     */
    static RunningDaemon configuredBy(Path directory, Map<String, String> variables) {
        Environment machine = machine(directory, variables);
        return new RunningDaemon(Daemon.start(ConfigLoader.load(Flags.none(), machine), machine), Optional.empty(),
                Optional.empty());
    }

    private static Environment machine(Path directory) {
        return machine(directory, Map.of());
    }

    private static Environment machine(Path directory, Map<String, String> variables) {
        Path home = directory.resolve("home");
        try {
            Files.createDirectories(home);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, String> all = new HashMap<>(variables);
        all.put("HOME", home.toString());
        return Environment.of(all, home, home);
    }

    int port() {
        return daemon.port();
    }

    X509Certificate root() {
        return root.orElseThrow(() -> new IllegalStateException("this daemon has no CA"));
    }

    /** {@code rootCA.pem}, for clients such as curl that read the CA from a file. */
    Path rootPem() {
        return caDirectory.orElseThrow(() -> new IllegalStateException("this daemon has no CA")).resolve("rootCA.pem");
    }

    /** A TLS context that trusts the test CA and nothing else. */
    SSLContext trustingTheCa() {
        return Tls.trusting(root());
    }

    /** {@code http://127.0.0.1:<port><path>}: the daemon reached directly, as a reverse proxy (send a Host header). */
    URI direct(String path) {
        return URI.create("http://127.0.0.1:" + port() + path);
    }

    /** A client configured as a browser whose PAC file sent it here: every request goes through the proxy. */
    HttpClient browser() {
        HttpClient.Builder builder = HttpClient.newBuilder()
                .proxy(ProxySelector.of(new InetSocketAddress("127.0.0.1", port())))
                .connectTimeout(Duration.ofSeconds(10));
        root.ifPresent(r -> builder.sslContext(Tls.trusting(r)));
        return builder.build();
    }

    RawConnection raw() throws IOException {
        return new RawConnection(port());
    }

    @Override
    public void close() {
        daemon.close();
    }
}
