package dev.localhome.bootstrap.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.localhome.adapters.netty.backend.BackendPool;
import dev.localhome.adapters.netty.testing.Await;
import dev.localhome.adapters.netty.testing.H2Tunnel;
import dev.localhome.adapters.netty.testing.SystemTools;
import io.netty.handler.codec.http2.Http2FrameStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A page of hundreds of modules arrives as hundreds of h2 streams on one intercepted tunnel; the daemon reaches the
 * dev server over at most {@link BackendPool#CONNECTIONS_PER_ENDPOINT} HTTP/1.1 connections, and queues the streams
 * beyond them. A real Node server ({@code servers/counting-server.js}, started with {@code NAME=}) counts the
 * connections it accepts; nghttp sends the streams. Long exchanges never starve the queue: event streams and long
 * polls held open leave room for the next request, and a stream reset while queued leaves the queue.
 */
class BackendConnectionCapEndToEndTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int CAP = BackendPool.CONNECTIONS_PER_ENDPOINT;
    // nghttp -s, one row per request: id, responseEnd, requestStart, process, code, size, path
    private static final Pattern STAT_ROW = Pattern.compile("(?m)^\\s*\\d+\\s+\\+\\S+\\s+\\+\\S+\\s+\\S+\\s+(\\d+)\\s+(\\S+)\\s+(/m/\\d+)$");

    @TempDir
    static Path directory;
    private static RunningDaemon daemon;
    private static BackendProcess server; // one per test: no connection another test pooled
    private static final HttpClient direct = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @BeforeAll
    static void startDaemon() {
        daemon = RunningDaemon.withCa(directory);
    }

    @AfterAll
    static void stopDaemon() {
        if (daemon != null) daemon.close();
    }

    @BeforeEach
    void startServer() throws IOException {
        server = NodePeers.server("counting-server.js", BackendProcess.uniqueName("cap"));
    }

    @AfterEach
    void stopServer() throws Exception {
        try {
            ask("/release");
        } finally {
            server.close();
        }
    }

    @Test
    void fiveHundredStreamsOnOneTunnelReachTheDevServerOverAtMostTheCapOfConnections() throws Exception {
        SystemTools.require("nghttp", "nghttp2-client");
        List<String> command = new ArrayList<>(List.of("nghttp", "--stat", "--null-out", "--timeout=60",
                "-H", ":authority: " + server.name()));
        try (SocketRelay tunnel = SocketRelay.throughTunnel(daemon.port(), server.name() + ":443")) {
            // an IP address sends no SNI: the tunnel's name is the certificate's
            for (int i = 0; i < 500; i++) command.add("https://127.0.0.1:" + tunnel.port() + "/m/" + i);
            String out = run(command);

            Map<String, String> answers = new HashMap<>();
            Matcher row = STAT_ROW.matcher(out);
            while (row.find()) answers.put(row.group(3), row.group(1) + " " + row.group(2));
            assertThat(answers).as("one answer per request; nghttp printed:%n%s", out).hasSize(500);
            for (int i = 0; i < 500; i++) {
                int size = ("export const m" + i + " = " + i + ";\n").length() + i % 500;
                assertThat(answers.get("/m/" + i)).as("/m/%d: status and size", i).isEqualTo("200 " + size);
            }
            assertThat(tunnel.connections()).as("nghttp's connections to the daemon").isEqualTo(1);
        }
        assertThat(count().path("accepted").asInt()).as("connections the dev server accepted for 500 streams")
                .isBetween(1, CAP);
    }

    @Test
    void twentyEventStreamsAndLongPollsHeldOpenLeaveRoomForTheNextRequest() throws Exception {
        try (H2Tunnel tunnel = H2Tunnel.open(daemon.port(), server.name(), daemon.root())) {
            List<Http2FrameStream> streams = new ArrayList<>();
            for (int i = 0; i < 20; i++) streams.add(tunnel.start("/sse"));
            for (Http2FrameStream stream : streams) assertThat(tunnel.awaitStatus(stream)).as("an event stream's head").isEqualTo(200);
            for (int i = 0; i < CAP + 2; i++) tunnel.start("/poll"); // no head until released: they hold every slot
            Await.until("the dev server holds the long polls", Duration.ofSeconds(30),
                    () -> count().path("seen").path("/poll").asInt() >= CAP);

            assertThat(tunnel.get("/m/7")).isEqualTo(new H2Tunnel.Response(200, "export const m7 = 7;\n" + "x".repeat(7)));
            assertThat(tunnel.isOpen()).isTrue();
        }
    }

    @Test
    void streamsResetWhileQueuedLeaveTheQueueAndTheirConnectionsAreNeverOpened() throws Exception {
        try (H2Tunnel tunnel = H2Tunnel.open(daemon.port(), server.name(), daemon.root())) {
            for (int i = 0; i < CAP; i++) tunnel.start("/poll");
            Await.until("the dev server holds " + CAP + " long polls", Duration.ofSeconds(30),
                    () -> count().path("seen").path("/poll").asInt() >= CAP);
            List<Http2FrameStream> queued = new ArrayList<>();
            for (int i = 0; i < 50; i++) queued.add(tunnel.start("/q/" + i));
            tunnel.ping(); // the daemon has read them: they wait in the queue
            for (Http2FrameStream stream : queued) tunnel.cancel(stream);
            tunnel.ping();
            ask("/release");

            assertThat(tunnel.get("/m/3")).isEqualTo(new H2Tunnel.Response(200, "export const m3 = 3;\n" + "xxx"));
            JsonNode after = count();
            int opened = after.path("accepted").asInt();
            int queuedSeen = after.path("seen").path("/q").asInt();
            // Only a connection past the cap (a stalled queue lets one through each second) can have carried a reset
            // stream's request before its reset came: on a machine that keeps up, none did.
            assertThat(queuedSeen).as("reset streams whose request reached the dev server").isLessThanOrEqualTo(opened - CAP);
            Await.until("the dev server's open connections are back within the cap", Duration.ofSeconds(30),
                    () -> count().path("open").asInt() <= CAP);
        }
    }

    private static JsonNode count() throws Exception {
        return JSON.readTree(ask("/count"));
    }

    /** Asks the dev server itself, not through the daemon. */
    private static String ask(String path) throws Exception {
        HttpResponse<String> response = direct.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("%s answered by the dev server", path).isEqualTo(200);
        return response.body();
    }

    /** A program's stdout and stderr; fails unless it exits 0 in time. */
    private static String run(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        process.getOutputStream().close();
        String out;
        try (InputStream stdout = process.getInputStream()) {
            out = new String(stdout.readAllBytes(), StandardCharsets.UTF_8);
        }
        if (!process.waitFor(90, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IOException(command.get(0) + " did not finish");
        }
        assertThat(process.exitValue()).as("%s exit code; output: %s", command.get(0), out).isZero();
        return out;
    }
}
