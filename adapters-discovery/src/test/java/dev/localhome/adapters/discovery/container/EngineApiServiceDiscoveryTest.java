package dev.localhome.adapters.discovery.container;

import static org.assertj.core.api.Assertions.assertThat;

import dev.localhome.domain.Container;
import dev.localhome.domain.Endpoint;
import dev.localhome.domain.Listener;
import dev.localhome.domain.ServiceName;
import dev.localhome.domain.port.DiscoveryState;
import java.io.IOException;
import java.net.URI;
import java.net.UnixDomainSocketAddress;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Container discovery against a real Docker engine ({@link RealEngine}), and against no engine at all. */
class EngineApiServiceDiscoveryTest {
    private static final Duration AWAIT = Duration.ofSeconds(10);
    private final List<String> containers = new ArrayList<>();
    private final List<EngineApiServiceDiscovery> sources = new ArrayList<>();

    @AfterEach
    void removeContainersAndStopWatching() {
        sources.forEach(EngineApiServiceDiscovery::close);
        containers.forEach(RealEngine.require()::remove);
    }

    private EngineApiServiceDiscovery discovery(boolean composeNames) {
        EngineApiServiceDiscovery discovery = new EngineApiServiceDiscovery(() -> EngineSocket.locate(System.getenv()),
                new ContainerNaming(composeNames), new ContainerRoutes(HostBridges.ofThisHost()), Clock.systemUTC());
        sources.add(discovery);
        return discovery;
    }

    private String run(String... options) {
        String id = RealEngine.require().run(options);
        containers.add(id);
        return id;
    }

    private static String uniqueName() {
        return "ctr-" + Integer.toHexString(ThreadLocalRandom.current().nextInt(0x100000, 0xFFFFFF));
    }

    /** The listeners named {@code name}, once {@code done} holds of them, within {@link #AWAIT}. */
    private static List<Listener> await(EngineApiServiceDiscovery discovery, String name, Predicate<List<Listener>> done)
            throws IOException, InterruptedException {
        long deadline = System.nanoTime() + AWAIT.toNanos();
        List<Listener> named;
        do {
            named = discovery.scan().stream().filter(l -> l.name().equals(new ServiceName(name))).toList();
            if (done.test(named)) return named;
            Thread.sleep(20);
        } while (System.nanoTime() < deadline);
        return named;
    }

    @Test
    void aRunningContainerWithNameAndALoopbackPortIsAListenerWithItsContainer() throws Exception {
        RealEngine engine = RealEngine.require();
        EngineApiServiceDiscovery discovery = discovery(false);
        discovery.scan();
        String name = uniqueName();
        String id = run("-e", "NAME=" + name, "-e", "TOKEN=secret-value", "-p", "127.0.0.1::8080");
        int published = Integer.parseInt(engine.published(id, RealEngine.HTTP_PORT).replaceAll(".*:", ""));

        List<Listener> found = await(discovery, name, listeners -> !listeners.isEmpty());

        assertThat(found).singleElement().satisfies(listener -> {
            assertThat(listener.endpoint()).isEqualTo(Endpoint.loopback(published));
            Container container = listener.process().orElseThrow().container().orElseThrow();
            assertThat(container.id()).isEqualTo(id);
            assertThat(container.shortId()).isEqualTo(id.substring(0, 12));
            assertThat(container.image()).isEqualTo(engine.image());
            assertThat(listener.process().orElseThrow().command()).contains("httpd");
            assertThat(listener.toString()).doesNotContain("secret-value");
        });
        assertThat(discovery.state()).isInstanceOfSatisfying(DiscoveryState.Active.class,
                active -> assertThat(active.detail()).contains("Engine", "sock"));
    }

    @Test
    void aContainerThatPublishesNothingIsReachedOnItsBridgeAddress() throws Exception {
        RealEngine engine = RealEngine.require();
        EngineApiServiceDiscovery discovery = discovery(false);
        String name = uniqueName();
        String id = run("-e", "NAME=" + name);

        List<Listener> found = await(discovery, name, listeners -> !listeners.isEmpty());

        Endpoint endpoint = found.get(0).endpoint();
        assertThat(endpoint.isLoopback()).isFalse();
        assertThat(endpoint.address()).isEqualTo(engine.address(id));
        assertThat(endpoint.port()).isEqualTo(RealEngine.HTTP_PORT);
        HttpResponse<String> page = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://" + endpoint + "/")).timeout(AWAIT).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(page.body()).isEqualTo(RealEngine.PAGE);
    }

    @Test
    void startAndStopAreAnnouncedByTheEventsStream() throws Exception {
        EngineApiServiceDiscovery discovery = discovery(false);
        AtomicInteger announcements = new AtomicInteger();
        discovery.whenChanged(announcements::incrementAndGet);
        discovery.scan();
        String name = uniqueName();
        int before = announcements.get();

        String id = run("-e", "NAME=" + name, "-p", "127.0.0.1::8080");
        assertThat(await(discovery, name, listeners -> !listeners.isEmpty())).isNotEmpty();
        assertThat(announcements.get()).as("the start was announced").isGreaterThan(before);

        int afterStart = announcements.get();
        RealEngine.docker("stop", "-t", "1", id);
        assertThat(await(discovery, name, List::isEmpty)).isEmpty();
        assertThat(announcements.get()).as("the stop was announced").isGreaterThan(afterStart);
    }

    @Test
    void composeLabelsNameAContainerOnlyWhenComposeNamesAreOn() throws Exception {
        EngineApiServiceDiscovery on = discovery(true);
        EngineApiServiceDiscovery off = discovery(false);
        String project = uniqueName();
        run("--label", "com.docker.compose.service=web", "--label", "com.docker.compose.project=" + project,
                "-p", "127.0.0.1::8080");

        assertThat(await(on, "web." + project, listeners -> !listeners.isEmpty())).isNotEmpty();
        assertThat(off.scan()).noneMatch(listener -> listener.name().value().endsWith(project));
    }

    @Test
    void aContainerOnTheHostsNetworkIsLeftToTheProcessScan() throws Exception {
        EngineApiServiceDiscovery discovery = discovery(false);
        discovery.scan();
        String name = uniqueName();
        String hostContainer = RealEngine.require().runCommand(List.of("--network", "host", "-e", "NAME=" + name),
                "/bin/busybox", "sleep", "60");
        containers.add(hostContainer);
        String marker = uniqueName();
        run("-e", "NAME=" + marker, "-p", "127.0.0.1::8080");

        // events arrive in order: once the container started after it is found, the host one has been read too
        assertThat(await(discovery, marker, listeners -> !listeners.isEmpty())).isNotEmpty();
        assertThat(discovery.scan()).noneMatch(listener -> listener.name().equals(new ServiceName(name)));
    }

    @Test
    void withoutAnEngineSocketDiscoveryIsOffAndSaysWhy(@TempDir Path empty) throws IOException {
        Path missing = empty.resolve("docker.sock");
        EngineApiServiceDiscovery discovery = new EngineApiServiceDiscovery(
                () -> EngineSocket.locate(java.util.Map.of("DOCKER_HOST", "unix://" + missing)),
                new ContainerNaming(false), new ContainerRoutes(HostBridges.ofThisHost()), Clock.systemUTC());
        sources.add(discovery);

        assertThat(discovery.scan()).isEmpty();
        assertThat(discovery.state()).isInstanceOfSatisfying(DiscoveryState.Off.class,
                off -> assertThat(off.reason()).contains(missing.toString(), "does not exist"));
    }

    @Test
    void aSocketNobodyAnswersOnPausesDiscoveryAndSaysWhy(@TempDir Path folder) throws Exception {
        Path socket = folder.resolve("engine.sock");
        try (ServerSocketChannel gone = ServerSocketChannel.open(java.net.StandardProtocolFamily.UNIX)) {
            gone.bind(UnixDomainSocketAddress.of(socket)); // the file stays; nothing listens once closed
        }
        assertThat(Files.exists(socket)).isTrue();
        EngineApiServiceDiscovery discovery = new EngineApiServiceDiscovery(() -> new EngineSocket.At(socket),
                new ContainerNaming(false), new ContainerRoutes(HostBridges.ofThisHost()), Clock.systemUTC());
        sources.add(discovery);

        assertThat(discovery.scan()).isEmpty();
        assertThat(discovery.state()).isInstanceOfSatisfying(DiscoveryState.Paused.class,
                paused -> assertThat(paused.reason()).contains(socket.toString(), "does not answer"));
    }
}
