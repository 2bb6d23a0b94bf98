package dev.localhome.bootstrap.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.localhome.bootstrap.e2e.NodePeers.Event;
import dev.localhome.bootstrap.e2e.PeerPaths.Way;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A real Vite 7 dev server's HMR socket through every way to it: at the server root, subprotocol {@code vite-hmr},
 * the server's token in the query (as {@code /@vite/client} carries it). Vite speaks first,
 * {@code {"type":"connected"}}, the frame an earlier relay lost; then an edit to a served module must reach the socket,
 * or the page falls back to full reloads for good.
 */
class ViteHmrPeerEndToEndTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path directory;
    private static PeerPaths paths;
    private static BackendProcess vite;
    private static Path project;
    private static String token;

    @BeforeAll
    static void start() throws IOException {
        project = directory.resolve("project");
        vite = NodePeers.server("vite-server.js", BackendProcess.uniqueName("vite"), project.toString());
        token = vite.output().stream().filter(line -> line.startsWith("TOKEN:")).findFirst()
                .map(line -> line.substring("TOKEN:".length())).orElseThrow(() -> new IOException("no token: " + vite.output()));
        paths = PeerPaths.start(directory);
    }

    @AfterAll
    static void stop() {
        if (vite != null) vite.close();
        if (paths != null) paths.close();
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Way.class)
    void theNodeClientsHmrSocketGetsConnectedFirst(Way way) throws IOException {
        Map<String, Object> spec = paths.node(way, vite.name(), "/?token=" + token);
        spec.put("protocols", List.of("vite-hmr"));
        spec.put("count", 1);

        List<Event> events = NodePeers.wsClient(spec);

        assertThat(events.get(0).json().path("protocol").asText()).as("events: %s", events).isEqualTo("vite-hmr");
        assertThat(events.stream().filter(e -> e.kind().equals("message")).map(Event::text))
                .as("events: %s", events).containsExactly("{\"type\":\"connected\"}");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.localhome.bootstrap.e2e.PeerPaths#jdkWays")
    void theJdkClientsHmrSocketGetsConnectedFirstAndThenTheEditsReload(Way way) throws Exception {
        try (PeerSocket socket = paths.jdk(way, vite.name(), "/?token=" + token, "vite-hmr")) {
            assertThat(socket.subprotocol()).isEqualTo("vite-hmr");
            assertThat(socket.nextText()).isEqualTo("{\"type\":\"connected\"}");

            servedModule(); // in Vite's module graph from now on, so an edit to it is news for the page
            String type = JSON.readTree(editUntilVitePushes(socket, way)).path("type").asText();
            assertThat(type).as("what Vite tells the page about the edit").isIn("update", "full-reload");
        }
    }

    /**
     * Edits {@code main.js} until Vite pushes the news, three edits at most: its file watcher may miss or coalesce an
     * edit on a loaded machine (seen once in CI-like runs, proxy or none), and what is under test is that the push
     * crosses the proxy, not how promptly inotify reports.
     */
    private static String editUntilVitePushes(PeerSocket socket, Way way) throws Exception {
        IOException missed = null;
        for (int edit = 0; edit < 3; edit++) {
            Files.writeString(project.resolve("main.js"), "export const answer = '" + way + " " + edit + "';\n");
            try {
                return socket.nextText();
            } catch (IOException noMessageYet) {
                missed = noMessageYet;
            }
        }
        throw missed;
    }

    /** {@code /main.js} straight from Vite: what matters is that Vite served it, not which way. */
    private static void servedModule() throws IOException, InterruptedException {
        // HTTP/1.1: the JDK would offer h2c by an Upgrade header, which Vite hands to its WebSocket server
        HttpResponse<String> module = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + vite.port() + "/main.js"))
                        .timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(module.statusCode()).isEqualTo(200);
    }
}
