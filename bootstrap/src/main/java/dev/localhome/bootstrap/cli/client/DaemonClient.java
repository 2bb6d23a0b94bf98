package dev.localhome.bootstrap.cli.client;

import dev.localhome.bootstrap.cli.common.CommandFailure;
import dev.localhome.bootstrap.cli.common.DaemonNotRunningException;
import dev.localhome.bootstrap.config.Config;
import dev.localhome.bootstrap.config.ConfigException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.HttpURLConnection;
import java.net.Proxy;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * Asks the running daemon over its own HTTP API ({@code /api/status}, {@code /api/services}). Connects to loopback
 * by IP, so the {@code Host} header is one the daemon answers as itself (docs/ARCHITECTURE.md: {@code 127.0.0.1} and
 * {@code localhost} are the dashboard's) and a {@code localhost} that resolves to {@code ::1} cannot miss.
 *
 * <p>Through {@link HttpURLConnection}, not the JDK's {@code HttpClient}: this is one plain request on loopback, and
 * the {@code HttpClient} starts a selector thread and builds a default TLS context even for {@code http://}, which
 * loads every security provider on the class path (BouncyCastle's among them): more than half of what a command
 * such as {@code status} loaded (BENCHMARKS.md, "A command that asks the daemon").
 */
public final class DaemonClient {
    static final Duration TIMEOUT = Duration.ofSeconds(2);

    public record Response(int status, String body) {
        public boolean ok() {
            return status == 200;
        }
    }

    private final String host;
    private final int port;

    DaemonClient(String host, int port) {
        this.host = host;
        this.port = port;
    }

    /** The daemon the configuration describes: its port, and its bind address unless that is every address. */
    public static DaemonClient forConfig(Config config) {
        if (config.port() == 0)
            throw new ConfigException("port 0 means \"any free port\": give the running daemon's port with --port");
        String bind = config.bindHost();
        boolean wildcard = bind.equals("0.0.0.0") || bind.equals("::") || bind.equals("[::]") || bind.equals("*");
        return new DaemonClient(wildcard ? "127.0.0.1" : bind, config.port());
    }

    int port() {
        return port;
    }

    /** {@code host:port}, with an IPv6 host in brackets, as it goes into a URL. */
    String address() {
        return (host.indexOf(':') >= 0 && !host.startsWith("[") ? "[" + host + "]" : host) + ":" + port;
    }

    /** @throws DaemonNotRunningException when nothing listens on the port */
    public Response get(String path) {
        return send(path, () -> exchange(open(path, "GET", TIMEOUT)));
    }

    /**
     * A {@code POST} with no body, for the API's few changes ({@code /api/services/<name>/forget}), with the header
     * the daemon asks of a change: no web page can send it without a CORS preflight.
     */
    Response post(String path) {
        return send(path, () -> {
            HttpURLConnection connection = open(path, "POST", TIMEOUT);
            connection.setRequestProperty("X-Localhome", "1");
            connection.setFixedLengthStreamingMode(0);
            connection.setDoOutput(true);
            connection.getOutputStream().close();
            return exchange(connection);
        });
    }

    private static Response exchange(HttpURLConnection connection) throws IOException {
        int status = connection.getResponseCode();
        // a 4xx or 5xx answer's body is the error stream; either may be absent (HEAD, 204, an empty answer)
        InputStream body = status >= 400 ? connection.getErrorStream() : connection.getInputStream();
        try (InputStream in = body) {
            return new Response(status, in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    /**
     * Reads the Server-Sent Events at {@code path} line by line, for as long as the daemon sends them; no timeout
     * once connected (a quiet stream sends nothing at all: the daemon sends no keep-alive comments).
     *
     * @return the status when it was not 200 (nothing was read then), else 200 once the daemon ended the stream
     * @throws DaemonNotRunningException when nothing listens on the port
     */
    int stream(String path, Consumer<String> line) {
        return send(path, () -> {
            HttpURLConnection connection = open(path, "GET", Duration.ZERO);
            connection.setRequestProperty("Accept", "text/event-stream");
            int status = connection.getResponseCode();
            if (status != 200) return status;
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(connection.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String next = lines.readLine(); next != null; next = lines.readLine()) line.accept(next);
            } catch (IOException | UncheckedIOException e) {
                // the daemon went away mid-stream: the stream has ended
            }
            return status;
        });
    }

    /** A connection to {@code path}, never through a proxy; {@code readTimeout} zero waits as long as it takes. */
    private HttpURLConnection open(String path, String method, Duration readTimeout) throws IOException {
        HttpURLConnection connection = (HttpURLConnection) URI.create("http://" + address() + path).toURL()
                .openConnection(Proxy.NO_PROXY);
        connection.setRequestMethod(method);
        connection.setConnectTimeout((int) TIMEOUT.toMillis());
        connection.setReadTimeout((int) readTimeout.toMillis());
        connection.setUseCaches(false);
        connection.setInstanceFollowRedirects(false);
        connection.setRequestProperty("Accept", "application/json");
        return connection;
    }

    private interface Call<T> {
        T send() throws IOException, InterruptedException;
    }

    private <T> T send(String path, Call<T> call) {
        try {
            return call.send();
        } catch (SocketTimeoutException e) {
            throw new CommandFailure("something listens on port %d but did not answer %s within %d s"
                    .formatted(port, path, TIMEOUT.toSeconds()), e);
        } catch (ConnectException e) {
            throw new DaemonNotRunningException(port);
        } catch (IOException e) {
            throw new CommandFailure("asking the daemon on port %d for %s failed: %s".formatted(port, path, e), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CommandFailure("interrupted while asking the daemon", e);
        }
    }
}
