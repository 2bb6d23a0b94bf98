package dev.localhome.bootstrap.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.localhome.adapters.discovery.container.RealEngine;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Docker containers by name, end to end: a real engine ({@link RealEngine}: the machine's, or a {@code dockerd} the
 * tests start as root), real busybox containers, the fully wired daemon on port 0 with a test CA and Compose names on.
 *
 * <p>{@link #WITHIN} is the one deadline asserted anywhere in the suite, because it is the promise: a container is
 * reachable within a second of {@code docker run} returning, and stopped within a second of {@code docker stop}
 * returning. It is measured from the command's return (the engine has sent its event by then), polling without pause.
 */
class ContainerEndToEndTest {
    private static final Duration WITHIN = Duration.ofSeconds(1);
    private static final Duration SETTLE = Duration.ofSeconds(15);
    @TempDir
    static Path directory;
    private static RealEngine engine;
    private static RunningDaemon daemon;
    private static HttpClient browser;
    private static final HttpClient direct = HttpClient.newHttpClient();
    private final List<String> containers = new ArrayList<>();

    @BeforeAll
    static void start() {
        engine = RealEngine.require();
        daemon = RunningDaemon.withCa(directory, config -> config.withComposeNames(true));
        browser = daemon.browser();
    }

    @AfterAll
    static void stop() {
        if (daemon != null) daemon.close();
    }

    @AfterEach
    void removeContainers() {
        containers.forEach(engine::remove);
    }

    private String run(String... options) {
        String id = engine.run(options);
        containers.add(id);
        return id;
    }

    @Test
    void aNamedContainerAnswersByHostByNameAndOverTlsWithinASecondOfDockerRun() throws Exception {
        // the first TLS handshake of a JVM loads and compiles a great deal: done once before, with the daemon's own
        // name, so the second below measures discovery and not class loading
        assertThat(browser.send(HttpRequest.newBuilder(URI.create("https://home/")).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
        String name = BackendProcess.uniqueName("ctr");
        String id = run("-e", "NAME=" + name, "-p", "127.0.0.1::" + RealEngine.HTTP_PORT);
        long ran = System.nanoTime();

        HttpResponse<String> byHost = pollWithin(WITHIN, ran, () -> byHost(name), r -> r.statusCode() == 200);
        // with a CA, http://name/ is sent on to https://name/, a tunnel with TLS verified against the test CA
        HttpResponse<String> plain = pollWithin(WITHIN, ran, () -> browser.send(
                HttpRequest.newBuilder(URI.create("http://" + name + "/")).build(), HttpResponse.BodyHandlers.ofString()),
                r -> r.statusCode() == 302);
        HttpResponse<String> tls = pollWithin(WITHIN, ran, () -> browser.send(
                HttpRequest.newBuilder(URI.create("https://" + name + "/")).build(), HttpResponse.BodyHandlers.ofString()),
                r -> r.statusCode() == 200);

        assertThat(byHost.body()).isEqualTo(RealEngine.PAGE);
        assertThat(plain.headers().firstValue("location")).contains("https://" + name + "/");
        assertThat(tls.body()).isEqualTo(RealEngine.PAGE);
        String container = containerName(id);
        String services = api("/api/services");
        assertThat(services).contains("\"name\":\"" + name + "\"").contains("\"container\":{\"name\":\"" + container
                + "\",\"image\":\"" + engine.image() + "\",\"id\":\"" + id.substring(0, 12) + "\"}");
        String dashboard = direct.send(HttpRequest.newBuilder(daemon.direct("/")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        assertThat(dashboard).contains(container + " (" + engine.image() + ", " + id.substring(0, 12) + ")");

        CliRun status = localhome("status", "--port", String.valueOf(daemon.port()));
        assertThat(status.out()).contains("discovery").containsPattern("procfs active")
                .containsPattern("containers active: Docker Engine [^\\n]* at /var/run/docker.sock")
                .contains("[" + container + " " + engine.image() + " " + id.substring(0, 12) + "]");
        CliRun scan = localhome("scan");
        assertThat(scan.out()).contains(name).contains("[" + container + " " + engine.image() + " " + id.substring(0, 12) + "]");
    }

    @Test
    void aContainerThatPublishesNoPortAnswersThroughItsBridgeAddress() throws Exception {
        String name = BackendProcess.uniqueName("bridged");
        String id = run("-e", "NAME=" + name);

        HttpResponse<String> page = pollWithin(SETTLE, System.nanoTime(), () -> byHost(name), r -> r.statusCode() == 200);

        assertThat(page.body()).isEqualTo(RealEngine.PAGE);
        assertThat(api("/api/services")).contains("\"address\":\"" + engine.address(id) + "\"");
    }

    /**
     * A container on a network whose gateway is not an address of this host (a macvlan network over a bridge made for
     * the test, in a private range the domain would otherwise accept): its address is no endpoint, so a request for
     * its name is a 404 for an unknown name, never a 502 from a connection that was tried.
     */
    @Test
    void aContainerOnANetworkThisHostIsNotTheGatewayOfIsNeverConnectedTo() throws Exception {
        RealEngine.requireRoot("a network whose gateway is not this host (macvlan over a bridge of the test's own)");
        int subnet = java.util.concurrent.ThreadLocalRandom.current().nextInt(1, 255);
        String parent = "lhpar%06x".formatted(java.util.concurrent.ThreadLocalRandom.current().nextInt(0x1000000));
        String network = "lh-offbridge-" + parent;
        RealEngine.command(List.of("ip", "link", "add", parent, "type", "bridge"), null);
        try {
            RealEngine.command(List.of("ip", "link", "set", parent, "up"), null);
            RealEngine.docker("network", "create", "-d", "macvlan", "--subnet", "10.214.%d.0/24".formatted(subnet),
                    "--gateway", "10.214.%d.1".formatted(subnet), "-o", "parent=" + parent, network);
            String name = BackendProcess.uniqueName("offbridge");
            String id = run("--network", network, "-e", "NAME=" + name);
            assertThat(engine.address(id)).startsWith("10.214.%d.".formatted(subnet));
            // containers are read in the order they start: once the next one answers, this one has been read too
            String marker = BackendProcess.uniqueName("marker");
            run("-e", "NAME=" + marker, "-p", "127.0.0.1::" + RealEngine.HTTP_PORT);
            pollWithin(SETTLE, System.nanoTime(), () -> byHost(marker), r -> r.statusCode() == 200);

            HttpResponse<String> page = byHost(name);

            assertThat(page.statusCode()).as(page.body()).isEqualTo(404);
            assertThat(api("/api/services")).doesNotContain(name).doesNotContain("10.214.%d.".formatted(subnet));
        } finally {
            removeContainers(); // before their network
            containers.clear();
            try {
                RealEngine.docker("network", "rm", network);
            } catch (IllegalStateException e) {
                // never created: the test failed before
            }
            RealEngine.command(List.of("ip", "link", "del", parent), null);
        }
    }

    @Test
    void dockerStopGivesTheStoppedPageNamingTheContainerWithinASecond() throws Exception {
        String name = BackendProcess.uniqueName("stopping");
        String id = run("-e", "NAME=" + name, "-p", "127.0.0.1::" + RealEngine.HTTP_PORT);
        pollWithin(SETTLE, System.nanoTime(), () -> byHost(name), r -> r.statusCode() == 200);

        RealEngine.docker("stop", "-t", "1", id);
        long stopped = System.nanoTime();

        HttpResponse<String> page = pollWithin(WITHIN, stopped, () -> byHost(name), r -> r.statusCode() == 503);
        assertThat(page.body()).contains("The service <b>" + name + "</b> stopped")
                .contains("It ran in the container <b>" + containerName(id) + "</b>")
                .contains(engine.image()).contains(id.substring(0, 12));
    }

    @Test
    void aComposeServiceWithoutNameIsReachedAsServiceDotProject() throws Exception {
        String project = BackendProcess.uniqueName("shop").replace("-", "");
        Path file = directory.resolve(project + ".yml");
        Files.writeString(file, """
                version: "2.4"
                services:
                  web:
                    image: %s
                    labels:
                      - %s
                """.formatted(engine.image(), engine.label()));
        List<String> compose = List.of("docker-compose", "-p", project, "-f", file.toString());
        try {
            RealEngine.command(concat(compose, "up", "-d"), null);

            HttpResponse<String> page = pollWithin(SETTLE, System.nanoTime(), () -> byHost("web." + project),
                    r -> r.statusCode() == 200);

            assertThat(page.body()).isEqualTo(RealEngine.PAGE);
        } finally {
            RealEngine.command(concat(compose, "down", "-v", "--remove-orphans"), null);
        }
    }

    @Test
    void aContainerOnTheHostsNetworkIsListedOnceAsTheProcessItIs() throws Exception {
        String name = BackendProcess.uniqueName("hostnet");
        int port;
        try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = free.getLocalPort();
        }
        String id = engine.runCommand(List.of("--network", "host", "-e", "NAME=" + name), "/bin/busybox", "httpd", "-f",
                "-p", "127.0.0.1:" + port, "-h", "/www");
        containers.add(id);

        HttpResponse<String> page = pollWithin(SETTLE, System.nanoTime(), () -> byHost(name), r -> r.statusCode() == 200);

        assertThat(page.body()).isEqualTo(RealEngine.PAGE);
        String services = api("/api/services");
        assertThat(services.split("\"name\":\"" + name + "\"", -1)).as("listed once").hasSize(2);
        assertThat(services).contains("\"port\":" + port + ",\"address\":\"127.0.0.1\"");
    }

    private static String containerName(String id) {
        return RealEngine.docker("inspect", "-f", "{{.Name}}", id).trim().replaceFirst("^/", "");
    }

    private static HttpResponse<String> byHost(String name) throws IOException, InterruptedException {
        return direct.send(HttpRequest.newBuilder(daemon.direct("/")).header("Host", name + ".localhost:" + daemon.port())
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String api(String path) throws IOException, InterruptedException {
        return direct.send(HttpRequest.newBuilder(daemon.direct(path)).build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    private interface Request {
        HttpResponse<String> send() throws IOException, InterruptedException;
    }

    /** Asks again at once until {@code done}, failing when {@code bound} has passed since {@code since}. */
    private static HttpResponse<String> pollWithin(Duration bound, long since, Request request,
                                                   Predicate<HttpResponse<String>> done) throws Exception {
        HttpResponse<String> last;
        do {
            last = request.send();
            if (done.test(last)) return last;
            Thread.onSpinWait();
        } while (System.nanoTime() - since < bound.toNanos());
        throw new AssertionError("still %d %s after %s: %s".formatted(last.statusCode(),
                last.headers().firstValue("content-type").orElse(""), bound, last.body()));
    }

    private static List<String> concat(List<String> command, String... more) {
        List<String> all = new ArrayList<>(command);
        all.addAll(List.of(more));
        return all;
    }

    private static CliRun localhome(String... args) throws IOException {
        return CliRun.localhome(directory, args);
    }
}
