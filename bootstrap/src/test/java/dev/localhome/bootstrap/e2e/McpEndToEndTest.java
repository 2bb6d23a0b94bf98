package dev.localhome.bootstrap.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.localhome.bootstrap.e2e.McpClientProcess.ToolAnswer;
import dev.localhome.domain.testing.Await;
import io.modelcontextprotocol.spec.McpSchema.Tool;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * An MCP client started by a test lists the services of a running daemon through
 * {@code localhome mcp}. The SDK's own client starts {@code localhome mcp} as a process of its own, once for the
 * class (a JVM start is the expensive part), against the daemon and a backend started with {@code NAME=...}; a
 * request through the daemon shows up in {@code recent_requests} (the inspector's record). The last test stops the
 * daemon under it, and the same server goes on answering, now that no daemon runs. A daemon without the inspector is
 * {@code LocalhomeMcpServerTest}'s.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class McpEndToEndTest {
    private static final List<String> TOOLS = List.of("list_services", "service_url", "recent_requests", "daemon_status");
    /** How far a listing may lag: a scan interval (5 s), with room for a slow machine. */
    private static final Duration LISTED_WITHIN = Duration.ofSeconds(10);

    @RegisterExtension
    static final DaemonWithBackend started = DaemonWithBackend.withCa();

    private static Path home;
    private static McpClientProcess mcp;

    @BeforeAll
    static void startTheMcpServer() throws Exception {
        home = Files.createTempDirectory("localhome-mcp-");
        mcp = McpClientProcess.start(started.daemon().port(), home);
    }

    @AfterAll
    static void stopTheMcpServer() throws Exception {
        try {
            if (mcp != null) mcp.close();
        } finally {
            if (home != null) Files.deleteIfExists(home);
        }
    }

    @Test
    @Order(1)
    void theServerOffersItsFourToolsAsReadOnly() {
        List<Tool> tools = mcp.client().listTools().tools();

        assertThat(tools).extracting(Tool::name).containsExactlyElementsOf(TOOLS);
        assertThat(tools).allSatisfy(tool -> assertThat(tool.annotations().readOnlyHint()).isTrue());
        assertThat(mcp.client().getServerInfo().name()).isEqualTo("localhome");
    }

    @Test
    @Order(2)
    void listServicesShowsTheBackendByNameWithItsUrlPortAndProcess(BackendProcess app) throws InterruptedException {
        JsonNode service = serviceNamed(app.name());

        assertThat(service.path("url").asText()).isEqualTo("http://%s.localhost:%d/", app.name(), started.daemon().port());
        assertThat(service.path("port").asInt()).isEqualTo(app.port());
        assertThat(service.path("processes").path(0).path("pid").asLong()).isPositive();
        assertThat(service.path("processes").path(0).path("command").asText()).contains("java");
    }

    @Test
    @Order(3)
    void serviceUrlGivesTheUrlThatNeedsNoSetupAndTheHttpsOneWithWhatItNeeds(BackendProcess app) {
        ToolAnswer answer = mcp.call("service_url", Map.of("name", app.name().toUpperCase()));

        assertThat(answer.isError()).isFalse();
        assertThat(answer.json().path("running").asBoolean()).isTrue();
        assertThat(answer.json().path("url").asText()).isEqualTo("http://%s.localhost:%d/", app.name(), started.daemon().port());
        assertThat(answer.json().path("https").asText()).isEqualTo("https://%s/", app.name());
        assertThat(answer.json().path("httpsNeeds").asText()).contains("proxy.pac", "CA");
        assertThat(answer.json().path("direct").asText()).isEqualTo("http://localhost:%d/", app.port());
    }

    @Test
    @Order(3)
    void serviceUrlSaysPlainlyWhenNoServerHasTheName(BackendProcess app) {
        ToolAnswer answer = mcp.call("service_url", Map.of("name", "nobody-has-this-name"));

        assertThat(answer.isError()).isFalse();
        assertThat(answer.json().path("running").asBoolean(true)).isFalse();
        assertThat(answer.json().path("message").asText())
                .startsWith("no service named 'nobody-has-this-name' is running").contains("NAME=nobody-has-this-name");
        assertThat(answer.json().path("services").toString()).contains(app.name());
    }

    @Test
    @Order(3)
    void aNameThatIsNoServiceNameIsRefusedWithASentence() {
        ToolAnswer answer = mcp.call("service_url", Map.of("name", "not a name"));

        assertThat(answer.isError()).isTrue();
        assertThat(answer.json().path("error").asText()).isEqualTo("'not a name' is not a service name");
    }

    @Test
    @Order(4)
    void daemonStatusShowsThePortAndWhereTheCaIsWithItsFingerprint(BackendProcess app) throws Exception {
        ToolAnswer answer = mcp.call("daemon_status", Map.of());

        assertThat(answer.isError()).isFalse();
        assertThat(answer.json().path("running").asBoolean()).isTrue();
        assertThat(answer.json().path("port").asInt()).isEqualTo(started.daemon().port());
        assertThat(answer.json().path("version").asText()).isNotBlank();
        assertThat(answer.json().path("ca").path("interception").asBoolean()).isTrue();
        assertThat(Path.of(answer.json().path("ca").path("path").asText()).toRealPath())
                .isEqualTo(started.daemon().rootPem().toRealPath());
        assertThat(answer.json().path("ca").path("sha256").asText()).isEqualTo(HexFormat.ofDelimiter(":").withUpperCase()
                .formatHex(MessageDigest.getInstance("SHA-256").digest(started.daemon().root().getEncoded())));
        assertThat(answer.json().path("services").toString()).contains(app.name());
    }

    @Test
    @Order(5)
    void recentRequestsShowsARequestThatWentThroughTheDaemon(BackendProcess app) throws Exception {
        HttpRequest probe = HttpRequest.newBuilder(started.daemon().direct("/mcp-probe?step=5"))
                .header("Host", app.name() + ".localhost:" + started.daemon().port())
                .timeout(Duration.ofSeconds(30)).build();
        assertThat(HttpClient.newHttpClient().send(probe, HttpResponse.BodyHandlers.ofString()).statusCode())
                .isEqualTo(200);

        JsonNode request = recentRequestTo(app.name(), "/mcp-probe?step=5");

        assertThat(request.path("service").asText()).isEqualTo(app.name());
        assertThat(request.path("method").asText()).isEqualTo("GET");
        assertThat(request.path("status").asInt()).isEqualTo(200);
        assertThat(request.path("arrival").asText()).isEqualTo("host");
        assertThat(request.path("answeredBy").asText()).isEqualTo("backend");
    }

    @Test
    @Order(6)
    void withTheDaemonGoneEveryToolSaysNoDaemonIsRunningAndTheServerKeepsServing() {
        started.daemon().close();

        for (String tool : TOOLS) {
            ToolAnswer answer = mcp.call(tool, tool.equals("service_url") ? Map.of("name", "app") : Map.of());

            assertThat(answer.isError()).as(tool).isTrue();
            assertThat(answer.json().path("error").asText()).as(tool)
                    .isEqualTo("no localhome daemon is running on 127.0.0.1:" + started.daemon().port());
            assertThat(answer.json().path("hint").asText()).as(tool).contains("`localhome`", "`./localhome`");
        }
        assertThat(mcp.client().listTools().tools()).hasSize(TOOLS.size());
        assertThat(mcp.stderr()).noneMatch(line -> line.contains("Exception"));
    }

    /**
     * The inspector records an exchange as done once the response has ended, which may be a moment after the client
     * has the whole body: a bounded poll.
     */
    private static JsonNode recentRequestTo(String service, String target) {
        AtomicReference<ToolAnswer> last = new AtomicReference<>();
        return Await.value(LISTED_WITHIN, () -> {
            ToolAnswer answer = mcp.call("recent_requests", Map.of("service", service, "n", 5));
            last.set(answer);
            assertThat(answer.isError()).as(answer.json().toString()).isFalse();
            for (JsonNode request : answer.json().path("requests"))
                if (request.path("target").asText().equals(target) && request.path("state").asText().equals("done"))
                    return Optional.of(request);
            return Optional.empty();
        }, () -> "recent_requests never showed " + target + " done: " + last.get().json());
    }

    /** The daemon scans at once for a name it does not know, but a listing may be a moment old: a bounded poll. */
    private static JsonNode serviceNamed(String name) {
        return Await.value(LISTED_WITHIN, () -> {
            ToolAnswer answer = mcp.call("list_services", Map.of());
            assertThat(answer.isError()).as(answer.json().toString()).isFalse();
            for (JsonNode service : answer.json().path("services"))
                if (service.path("name").asText().equals(name)) return Optional.of(service);
            return Optional.empty();
        }, () -> "list_services never showed " + name + "; stderr of localhome mcp: " + mcp.stderr());
    }
}
