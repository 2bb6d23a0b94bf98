package dev.localhome.adapters.discovery.container;

import static org.assertj.core.api.Assertions.assertThat;

import dev.localhome.domain.port.DiscoveryState;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An engine that stops and starts again, for real: a private dockerd of the test's own. Discovery is active, then
 * paused with the reason while the engine is gone, then active again without anyone asking: it reconnects by itself.
 */
class AnEngineThatStopsTest {
    private static final Duration AWAIT = Duration.ofSeconds(30);

    @Test
    void discoveryPausesWhileTheEngineIsStoppedAndResumesWhenItIsBack(@TempDir Path directory) throws Exception {
        RealEngine.require(); // skips (or, under CI, fails) where no engine can run
        RealEngine.requireRoot("a private dockerd");
        try (PrivateDockerd engine = new PrivateDockerd(directory);
             EngineApiServiceDiscovery discovery = new EngineApiServiceDiscovery(
                     () -> EngineSocket.locate(Map.of("DOCKER_HOST", "unix://" + directory.resolve("docker.sock"))),
                     new ContainerNaming(false), new ContainerRoutes(HostBridges.ofThisHost()), Clock.systemUTC())) {
            engine.start();
            discovery.scan();
            await(discovery, state -> state instanceof DiscoveryState.Active);

            engine.stop();
            DiscoveryState paused = await(discovery, state -> state instanceof DiscoveryState.Paused);
            assertThat(paused.sentence()).contains(engine.socket().toString());
            assertThat(discovery.scan()).isEmpty();

            engine.start();
            DiscoveryState back = await(discovery, state -> state instanceof DiscoveryState.Active);
            assertThat(back.sentence()).contains("Docker Engine", engine.socket().toString());
        }
    }

    private static DiscoveryState await(EngineApiServiceDiscovery discovery, Predicate<DiscoveryState> done)
            throws InterruptedException {
        long deadline = System.nanoTime() + AWAIT.toNanos();
        DiscoveryState state;
        do {
            state = discovery.state();
            if (done.test(state)) return state;
            Thread.sleep(20);
        } while (System.nanoTime() < deadline);
        throw new AssertionError("still " + state.word() + " (" + state.sentence() + ") after " + AWAIT);
    }
}
