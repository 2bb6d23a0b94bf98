package dev.localhome.application;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ServiceListingTest {
    private final RunningServices source = new RunningServices();
    private final Map<String, Integer> running = source.byName;

    @Test
    void aServiceThatJustStartedIsListedWhenTheLastScanIsTooOld() throws Exception {
        try (ServiceRegistry registry = new ServiceRegistry(List.of(source))) {
            ServiceListing listing = new ServiceListing(registry);
            running.put("late", 3000);

            var services = listing.servicesFresherThan(Duration.ofSeconds(1)).toCompletableFuture().get();

            assertThat(services).extracting(s -> s.name().value()).containsExactly("late");
        }
    }

    @Test
    void aRecentEnoughScanIsReusedWithoutScanningAgain() throws Exception {
        AtomicLong now = new AtomicLong(1_000_000_000_000L);
        try (ServiceRegistry registry = new ServiceRegistry(List.of(source))) {
            ServiceListing listing = new ServiceListing(registry, now::get);
            listing.servicesFresherThan(Duration.ofSeconds(1)).toCompletableFuture().get();
            int after = source.scans.get();

            now.addAndGet(Duration.ofMillis(500).toNanos());
            listing.servicesFresherThan(Duration.ofSeconds(1)).toCompletableFuture().get();
            assertThat(source.scans.get()).isEqualTo(after);

            now.addAndGet(Duration.ofMillis(600).toNanos());
            listing.servicesFresherThan(Duration.ofSeconds(1)).toCompletableFuture().get();
            assertThat(source.scans.get()).isEqualTo(after + 1);
        }
    }
}
