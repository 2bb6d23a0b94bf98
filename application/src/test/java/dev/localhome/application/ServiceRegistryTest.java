package dev.localhome.application;

import dev.localhome.application.port.SourceState;
import dev.localhome.application.port.ServiceDirectory;
import static org.assertj.core.api.Assertions.assertThat;

import dev.localhome.domain.Endpoint;
import dev.localhome.domain.Self;
import dev.localhome.domain.ServiceName;
import dev.localhome.domain.StoppedService;
import dev.localhome.domain.StoppedServices;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import dev.localhome.domain.routing.Arrival;
import dev.localhome.domain.routing.RequestHead;
import dev.localhome.domain.routing.Route;
import dev.localhome.domain.routing.RoutingPolicy;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.Test;

class ServiceRegistryTest {
    private final RunningServices source = new RunningServices();
    private final Map<String, Integer> running = source.byName;

    @Test
    void watchersHearOfEachServiceOnceWhenItAppearsAndAgainWhenItComesBack() throws Exception {
        Queue<String> appeared = new ConcurrentLinkedQueue<>();
        try (ServiceRegistry registry = new ServiceRegistry(List.of(source))) {
            registry.whenServiceAppears(name -> appeared.add(name.value()));
            running.put("app", 3000);
            registry.rescan().get();
            assertThat(appeared).containsExactly("app");

            running.put("api", 3001);
            registry.rescan().get();
            registry.rescan().get();
            assertThat(appeared).containsExactly("app", "api");

            running.remove("app");
            registry.rescan().get();
            running.put("app", 3002);
            registry.rescan().get();
            assertThat(appeared).containsExactly("app", "api", "app");
        }
    }

    @Test
    void changeWatchersHearOfAScanThatChangedTheServicesAndOfNoOther() throws Exception {
        java.util.concurrent.atomic.AtomicInteger changes = new java.util.concurrent.atomic.AtomicInteger();
        try (ServiceRegistry registry = new ServiceRegistry(List.of(source))) {
            ServiceDirectory.Watch watch = registry.whenServicesChange(changes::incrementAndGet);
            running.put("app", 3000);
            registry.rescan().get();
            assertThat(changes).hasValue(1);

            registry.rescan().get();
            registry.rescan().get();
            assertThat(changes).as("scans that found the same services").hasValue(1);

            running.put("app", 3001);
            registry.rescan().get();
            running.remove("app");
            registry.rescan().get();
            assertThat(changes).as("moved, then stopped").hasValue(3);

            registry.forget(new ServiceName("app")).get();
            assertThat(changes).as("forgotten").hasValue(4);

            watch.close();
            running.put("api", 3002);
            registry.rescan().get();
            assertThat(changes).as("after the watch was closed").hasValue(4);
        }
    }

    @Test
    void aSourceThatHearsOfAChangeGetsARescanAtOnceAndIsClosedWithTheRegistry() throws Exception {
        AnnouncingSource announcing = new AnnouncingSource();
        try (ServiceRegistry registry = new ServiceRegistry(List.of(source, announcing))) {
            registry.start();
            assertThat(registry.catalog().names()).isEmpty();

            announcing.listeners = List.of(dev.localhome.domain.Listener.withoutProcess(new ServiceName("ctr"), 32768));
            announcing.changed.run();

            long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            while (!registry.catalog().contains(new ServiceName("ctr")) && System.nanoTime() < deadline) Thread.sleep(5);
            assertThat(registry.catalog().names()).as("found without waiting for the %s refresh",
                    ServiceRegistry.REFRESH_INTERVAL).containsExactly(new ServiceName("ctr"));
            assertThat(registry.sourceStates()).extracting(SourceState::source).contains("announcing");
            assertThat(registry.sourceStates()).filteredOn(s -> s.source().equals("announcing")).singleElement()
                    .satisfies(s -> assertThat(s.state().sentence()).startsWith("the engine went away"));
        }
        assertThat(announcing.closed).isTrue();
    }

    /** A source that knows of changes itself, says it is paused, and holds something to close. */
    private static final class AnnouncingSource implements dev.localhome.domain.port.ServiceDiscovery, AutoCloseable {
        volatile List<dev.localhome.domain.Listener> listeners = List.of();
        volatile Runnable changed = () -> {};
        volatile boolean closed;

        @Override
        public String sourceName() {
            return "announcing";
        }

        @Override
        public List<dev.localhome.domain.Listener> scan() {
            return listeners;
        }

        @Override
        public dev.localhome.domain.port.DiscoveryState state() {
            return new dev.localhome.domain.port.DiscoveryState.Paused("the engine went away", Instant.EPOCH);
        }

        @Override
        public void whenChanged(Runnable rescan) {
            changed = rescan;
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    /** A clock the test moves: the day a stopped service is kept passes without waiting for it. */
    private static final class TestClock extends Clock {
        private volatile Instant now = Instant.parse("2026-12-06T21:00:00Z");

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }

    @Test
    void aServiceThatGoesAwayIsListedAsStoppedSinceItWasLastSeenUntilADayHasPassed() throws Exception {
        TestClock clock = new TestClock();
        ServiceName app = new ServiceName("app");
        try (ServiceRegistry registry = new ServiceRegistry(List.of(source), Self.detached("none"), System::nanoTime, clock)) {
            running.put("app", 3000);
            registry.rescan().get();
            Instant lastSeen = clock.instant();
            clock.advance(Duration.ofSeconds(5));
            running.remove("app");

            var afterStop = registry.rescan().get();
            assertThat(afterStop.contains(app)).isFalse();
            assertThat(afterStop.stopped().find(app)).get().extracting(StoppedService::lastSeen).isEqualTo(lastSeen);

            clock.advance(StoppedServices.RETENTION.minusSeconds(10));
            assertThat(registry.rescan().get().stopped().find(app)).isPresent();
            clock.advance(Duration.ofSeconds(10));
            assertThat(registry.rescan().get().stopped().find(app)).isEmpty();
        }
    }

    @Test
    void aStoppedNameThatComesBackRunsAgainAndForgettingItThenSaysItRuns() throws Exception {
        ServiceName app = new ServiceName("app");
        try (ServiceRegistry registry = new ServiceRegistry(List.of(source))) {
            running.put("app", 3000);
            registry.rescan().get();
            running.remove("app");
            assertThat(registry.rescan().get().stopped().find(app)).isPresent();

            running.put("app", 3001);
            var back = registry.rescan().get();
            assertThat(back.find(app)).isPresent();
            assertThat(back.stopped().find(app)).isEmpty();
            assertThat(registry.forget(app).get()).isEqualTo(ServiceDirectory.Forgetting.RUNNING);
        }
    }

    @Test
    void forgettingAStoppedServiceDropsItAndAnUnknownNameIsSaidToBeUnknown() throws Exception {
        ServiceName app = new ServiceName("app");
        try (ServiceRegistry registry = new ServiceRegistry(List.of(source))) {
            running.put("app", 3000);
            registry.rescan().get();
            running.remove("app"); // forget scans first: it finds app gone without a scan of the test's own

            assertThat(registry.forget(app).get()).isEqualTo(ServiceDirectory.Forgetting.FORGOTTEN);
            assertThat(registry.catalog().stopped().isEmpty()).isTrue();
            assertThat(registry.rescan().get().stopped().isEmpty()).isTrue();
            assertThat(registry.forget(app).get()).isEqualTo(ServiceDirectory.Forgetting.UNKNOWN);
        }
    }

    @Test
    void aFailingWatcherNeitherStopsDiscoveryNorTheOtherWatchers() throws Exception {
        Queue<String> appeared = new ConcurrentLinkedQueue<>();
        try (ServiceRegistry registry = new ServiceRegistry(List.of(source))) {
            registry.whenServiceAppears(name -> {
                throw new IllegalStateException("broken watcher");
            });
            registry.whenServiceAppears(name -> appeared.add(name.value()));
            running.put("app", 3000);

            assertThat(registry.rescan().get().contains(new ServiceName("app"))).isTrue();
            assertThat(appeared).containsExactly("app");
        }
    }

    @Test
    void aMappingToTheDaemonsOwnPortStopsBeingAServiceOnceTheDaemonIsBound() throws Exception {
        Self self = Self.detached("t0k3n");
        try (ServiceRegistry registry = new ServiceRegistry(List.of(source), self)) {
            running.put("loop", 9090);
            running.put("app", 3000);
            assertThat(registry.rescan().get().contains(new ServiceName("loop"))).isTrue(); // before the bind

            self.listeningOn(List.of(Endpoint.loopback(9090)));
            var after = registry.rescan().get();

            assertThat(after.names()).containsExactly(new ServiceName("app"));
            assertThat(after.pointsAtDaemon(new ServiceName("loop"))).contains(Endpoint.loopback(9090));
        }
    }

    @Test
    void aRequestForANamePointingAtTheDaemonIsALoopAtOnceWithoutAnotherScan() throws Exception {
        Self self = Self.detached("t0k3n");
        self.listeningOn(List.of(Endpoint.loopback(9090)));
        try (ServiceRegistry registry = new ServiceRegistry(List.of(source), self)) {
            running.put("loop", 9090);
            registry.rescan().get();
            int scans = source.scans.get();
            RequestRouting routing = new RequestRouting(registry, new RoutingPolicy(new ServiceName("home"), false, self));

            Route route = routing.route(RequestHead.of("GET", "/", "loop.localhost:9090"), Arrival.direct())
                    .toCompletableFuture().get();

            assertThat(route).isInstanceOf(Route.LoopDetected.class);
            assertThat(source.scans.get()).isEqualTo(scans);
        }
    }
}
