package dev.localhome.bootstrap.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.localhome.bootstrap.e2e.NodePeers.Event;
import dev.localhome.bootstrap.e2e.PeerPaths.Way;
import java.io.IOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The WebSocket peer suite, Node {@code ws} on both ends and {@code java.net.http.WebSocket} as a second client, on
 * every way to a named server: the server speaks first (from its {@code connection} handler, so its greeting may
 * share a TCP segment with the 101), a mebibyte crosses byte for byte both ways, the server's close code reaches the
 * client, and a server that dies in the middle of a frame ends the client's socket instead of leaving it hanging.
 */
class WsPeerEndToEndTest {
    private static final int MEBIBYTE = 1024 * 1024;

    @TempDir
    static Path directory;
    private static PeerPaths paths;
    private static BackendProcess server;

    @BeforeAll
    static void start() throws IOException {
        server = NodePeers.server("ws-server.js", BackendProcess.uniqueName("ws"));
        paths = PeerPaths.start(directory);
    }

    @AfterAll
    static void stop() {
        if (server != null) server.close();
        if (paths != null) paths.close();
    }

    private static List<Event> node(Way way, Map<String, Object> extra) throws IOException {
        Map<String, Object> spec = paths.node(way, server.name(), "/greet");
        spec.putAll(extra);
        return NodePeers.wsClient(spec);
    }

    private static List<Event> messages(List<Event> events) {
        return events.stream().filter(e -> e.kind().equals("message")).toList();
    }

    private static Event last(List<Event> events) {
        return events.get(events.size() - 1);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Way.class)
    void theNodeClientGetsTheGreetingFirstAndThenItsEcho(Way way) throws IOException {
        List<Event> events = node(way, Map.of("send", List.of("ping"), "count", 2));

        assertThat(messages(events)).as("events: %s", events).extracting(Event::text)
                .containsExactly("hello from " + server.name() + " at /greet", "ping");
        assertThat(last(events).json().path("code").asInt()).as("events: %s", events).isEqualTo(1000);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Way.class)
    void aMebibyteCrossesByteForByteFromTheNodeClientAndBack(Way way) throws IOException {
        String sha = NodePeers.sha256(NodePeers.pattern(MEBIBYTE));

        List<Event> events = node(way, Map.of("send", List.of("big:" + MEBIBYTE, "big"), "count", 3));

        List<Event> messages = messages(events);
        assertThat(messages).as("events: %s", events).hasSize(3);
        for (Event big : messages.subList(1, 3)) {
            assertThat(big.json().path("length").asInt()).isEqualTo(MEBIBYTE);
            assertThat(big.json().path("sha256").asText()).as("the bytes, in order").isEqualTo(sha);
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Way.class)
    void theServersCloseCodeAndReasonReachTheNodeClient(Way way) throws IOException {
        List<Event> events = node(way, Map.of("send", List.of("close-4001"), "count", 1, "waitForClose", true));

        assertThat(last(events).kind()).as("events: %s", events).isEqualTo("close");
        assertThat(last(events).json().path("code").asInt()).isEqualTo(4001);
        assertThat(last(events).json().path("reason").asText()).isEqualTo("bye");
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Way.class)
    void aServerThatDiesMidFrameEndsTheNodeClientsSocketPromptly(Way way) throws IOException {
        List<Event> events = node(way, Map.of("send", List.of("cut"), "count", 1, "waitForClose", true,
                "timeoutMillis", 10_000));

        assertThat(last(events).kind()).as("the socket closes, no timeout; events: %s", events).isEqualTo("close");
        assertThat(last(events).json().path("code").asInt()).as("abnormal closure, as the frame never ended").isEqualTo(1006);
        assertThat(messages(events)).as("only the greeting: a half frame is no message").hasSize(1);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.localhome.bootstrap.e2e.PeerPaths#jdkWays")
    void theJdkClientGetsTheGreetingFirstAndAMebibyteBothWays(Way way) throws Exception {
        byte[] random = new byte[MEBIBYTE];
        new SecureRandom().nextBytes(random);

        try (PeerSocket socket = paths.jdk(way, server.name(), "/greet")) {
            assertThat(socket.nextText()).isEqualTo("hello from " + server.name() + " at /greet");

            assertThat(Arrays.equals(socket.send(random).nextBinary(), random)).as("the echo is the same mebibyte").isTrue();
            assertThat(Arrays.equals(socket.send("big").nextBinary(), NodePeers.pattern(MEBIBYTE))).isTrue();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.localhome.bootstrap.e2e.PeerPaths#jdkWays")
    void theServersCloseCodeReachesTheJdkClient(Way way) throws Exception {
        try (PeerSocket socket = paths.jdk(way, server.name(), "/greet")) {
            socket.nextText();
            socket.send("close-4001");

            PeerSocket.End end = socket.awaitEnd();
            assertThat(end.error()).isEmpty();
            assertThat(end.code()).isEqualTo(4001);
            assertThat(end.reason()).isEqualTo("bye");
        }
    }

    /**
     * Over TLS only: on a plain socket the JDK's WebSocket never reports an end of stream that cuts a frame, even
     * straight to the server with no proxy between (seen here: the partial frame arrives, then it waits forever). The
     * Node client above shows the plain ways end promptly.
     */
    @ParameterizedTest(name = "{0}")
    @EnumSource(value = Way.class, names = "INTERCEPTED_TLS")
    void aServerThatDiesMidFrameEndsTheJdkClientsSocketPromptly(Way way) throws Exception {
        try (PeerSocket socket = paths.jdk(way, server.name(), "/greet")) {
            socket.nextText();
            socket.send("cut");

            PeerSocket.End end = socket.awaitEnd(); // bounded: a hang fails here
            assertThat(end.code()).as("no close frame was sent: the client sees the end as an error or 1006")
                    .isIn(-1, 1006);
        }
    }
}
