package dev.localhome.bootstrap.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.localhome.bootstrap.e2e.NodePeers.Event;
import dev.localhome.bootstrap.e2e.PeerPaths.Way;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A socket.io server with the websocket transport only (no long-polling to hide a broken socket behind), through
 * every way to it. Engine.IO speaks first: its open packet ({@code 0{"sid":...}}) is written as soon as the socket
 * is accepted, then the server's greeting follows the client's namespace connect ({@code 40}).
 */
class SocketIoPeerEndToEndTest {
    private static final String ENGINE_IO = "/socket.io/?EIO=4&transport=websocket";

    @TempDir
    static Path directory;
    private static PeerPaths paths;
    private static BackendProcess server;

    @BeforeAll
    static void start() throws IOException {
        server = NodePeers.server("socketio-server.js", BackendProcess.uniqueName("sio"));
        paths = PeerPaths.start(directory);
    }

    @AfterAll
    static void stop() {
        if (server != null) server.close();
        if (paths != null) paths.close();
    }

    private String greeting() {
        return "42[\"greeting\",\"hello from " + server.name() + "\"]";
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.localhome.bootstrap.e2e.PeerPaths#jdkWays")
    void theJdkClientGetsTheOpenPacketConnectsGetsTheGreetingAndAnAck(Way way) throws Exception {
        try (PeerSocket socket = paths.jdk(way, server.name(), ENGINE_IO)) {
            assertThat(socket.nextText()).as("Engine.IO's open packet, sent before the client says anything").startsWith("0{\"sid\":");

            socket.send("40");
            assertThat(socket.nextText()).startsWith("40{\"sid\":");
            assertThat(socket.nextText()).isEqualTo(greeting());

            socket.send("427[\"echo\",\"ping ü\"]");
            assertThat(socket.nextText()).isEqualTo("437[\"ping ü\"]");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.localhome.bootstrap.e2e.PeerPaths#jdkWays")
    void aServerSideDisconnectClosesTheJdkClientsSocket(Way way) throws Exception {
        try (PeerSocket socket = paths.jdk(way, server.name(), ENGINE_IO)) {
            socket.nextText();
            socket.send("40");
            socket.nextText();
            socket.nextText();

            socket.send("42[\"bye\"]");
            assertThat(socket.nextText()).as("socket.io's disconnect packet").isEqualTo("41");
            PeerSocket.End end = socket.awaitEnd();
            assertThat(end.error()).isEmpty();
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Way.class)
    void theNodeClientGetsTheOpenPacketFirstThenTheGreetingAndTheAck(Way way) throws IOException {
        Map<String, Object> spec = paths.node(way, server.name(), ENGINE_IO);
        // As socket.io-client does: connect to the namespace after the open packet, emit only once connected (the
        // server closes the socket on an event for a namespace it has not yet connected, proxy or none).
        spec.put("sendAfter", Map.of("1", List.of("40"), "2", List.of("427[\"echo\",\"ping\"]")));
        spec.put("count", 4);

        List<Event> events = NodePeers.wsClient(spec);

        List<String> messages = events.stream().filter(e -> e.kind().equals("message")).map(Event::text).toList();
        assertThat(messages).as("events: %s", events).hasSize(4);
        assertThat(messages.get(0)).startsWith("0{\"sid\":");
        assertThat(messages.get(1)).startsWith("40{\"sid\":");
        assertThat(messages.subList(2, 4)).containsExactlyInAnyOrder(greeting(), "437[\"ping\"]");
    }
}
