package dev.localhome.application;

import static org.assertj.core.api.Assertions.assertThat;

import dev.localhome.domain.ServiceName;
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
}
