package dev.localhome.bootstrap.cli.client;

import dev.localhome.bootstrap.cli.common.CommandFailure;
import dev.localhome.bootstrap.cli.common.DaemonNotRunningException;
import dev.localhome.bootstrap.config.Config;
import dev.localhome.bootstrap.config.ConfigException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Asks the running daemon over its own HTTP API ({@code /api/status}, {@code /api/services}). Connects to loopback
 * by IP, so the {@code Host} header is one the daemon answers as itself (docs/ARCHITECTURE.md: {@code 127.0.0.1} and
 * {@code localhost} are the dashboard's) and a {@code localhost} that resolves to {@code ::1} cannot miss.
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
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT)
            .proxy(HttpClient.Builder.NO_PROXY).build();

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
        HttpRequest request = HttpRequest.newBuilder(uri(path)).timeout(TIMEOUT)
                .header("Accept", "application/json").GET().build();
        return exchange(path, request);
    }

    /**
     * A {@code POST} with no body, for the API's few changes ({@code /api/services/<name>/forget}), with the header
     * the daemon asks of a change: no web page can send it without a CORS preflight.
     */
    Response post(String path) {
        HttpRequest request = HttpRequest.newBuilder(uri(path)).timeout(TIMEOUT)
                .header("Accept", "application/json").header("X-Localhome", "1")
                .POST(HttpRequest.BodyPublishers.noBody()).build();
        return exchange(path, request);
    }

    private Response exchange(String path, HttpRequest request) {
        return send(path, () -> {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.body());
        });
    }

    /**
     * Reads the Server-Sent Events at {@code path} line by line, for as long as the daemon sends them; no timeout
     * once connected (a quiet stream only carries keep-alive comments).
     *
     * @return the status when it was not 200 (nothing was read then), else 200 once the daemon ended the stream
     * @throws DaemonNotRunningException when nothing listens on the port
     */
    int stream(String path, Consumer<String> line) {
        HttpRequest request = HttpRequest.newBuilder(uri(path)).header("Accept", "text/event-stream").GET().build();
        return send(path, () -> {
            HttpResponse<Stream<String>> response = http.send(request, HttpResponse.BodyHandlers.ofLines());
            try (Stream<String> lines = response.body()) {
                if (response.statusCode() == 200) lines.forEach(line);
            } catch (UncheckedIOException e) {
                // the daemon went away mid-stream: the stream has ended
            }
            return response.statusCode();
        });
    }

    private URI uri(String path) {
        return URI.create("http://" + address() + path);
    }

    private interface Call<T> {
        T send() throws IOException, InterruptedException;
    }

    private <T> T send(String path, Call<T> call) {
        try {
            return call.send();
        } catch (HttpTimeoutException e) {
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
