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
 * Netty's own WebSocket server ({@link NettyWebSocketPeer}) writes its first frame in the same write as the
 * {@code 101}: the bytes the proxy's HTTP decoder has already read past the response when the connection stops
 * being HTTP. They must reach the client, first, on every way.
 */
class NettyFirstFramePeerEndToEndTest {
    @TempDir
    static Path directory;
    private static PeerPaths paths;
    private static BackendProcess server;

    @BeforeAll
    static void start() throws IOException {
        server = BackendProcess.start(BackendProcess.uniqueName("netty"), NettyWebSocketPeer.class.getName());
        paths = PeerPaths.start(directory);
    }

    @AfterAll
    static void stop() {
        if (server != null) server.close();
        if (paths != null) paths.close();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.localhome.bootstrap.e2e.PeerPaths#jdkWays")
    void theFrameSentWithThe101ReachesTheJdkClientFirst(Way way) throws Exception {
        try (PeerSocket socket = paths.jdk(way, server.name(), "/")) {
            assertThat(socket.nextText()).isEqualTo("hello from " + server.name());
            assertThat(socket.send("and then?").nextText()).isEqualTo("and then?");
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Way.class)
    void theFrameSentWithThe101ReachesTheNodeClientFirst(Way way) throws IOException {
        Map<String, Object> spec = paths.node(way, server.name(), "/");
        spec.put("send", List.of("and then?"));
        spec.put("count", 2);

        List<Event> events = NodePeers.wsClient(spec);

        assertThat(events.stream().filter(e -> e.kind().equals("message")).map(Event::text))
                .as("events: %s", events).containsExactly("hello from " + server.name(), "and then?");
    }
}
