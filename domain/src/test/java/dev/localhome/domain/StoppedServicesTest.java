package dev.localhome.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class StoppedServicesTest {
    private static final ServiceName APP = new ServiceName("app");
    private static final ProcessInfo VITE = new ProcessInfo(100, "node vite", "/home/dev/shop", Optional.empty());
    private static final ServiceCatalog RUNNING = ServiceCatalog.of(List.of(Listener.of(APP, 5173, VITE)));
    private static final ServiceCatalog NOTHING = ServiceCatalog.empty();
    private static final Instant SEEN = Instant.parse("2026-12-06T21:00:00Z");
    private static final Instant MISSED = SEEN.plusSeconds(5);

    @Test
    void aServiceThatAScanNoLongerFindsIsStoppedSinceTheScanThatLastSawIt() {
        StoppedServices stopped = StoppedServices.none().after(RUNNING, SEEN, NOTHING, MISSED);

        assertThat(stopped.all()).containsExactly(new StoppedService(APP, SEEN, Endpoint.loopback(5173), List.of(VITE)));
        StoppedService app = stopped.find(APP).orElseThrow();
        assertThat(app.command()).isEqualTo("node vite");
        assertThat(app.workingDirectory()).isEqualTo("/home/dev/shop");
    }

    @Test
    void aStoppedNameThatRunsAgainIsNoLongerStopped() {
        StoppedServices stopped = StoppedServices.none().after(RUNNING, SEEN, NOTHING, MISSED);

        assertThat(stopped.after(NOTHING, MISSED, RUNNING, MISSED.plusSeconds(5)).isEmpty()).isTrue();
    }

    @Test
    void aStoppedServiceIsKeptForADayAndForgottenAfter() {
        StoppedServices stopped = StoppedServices.none().after(RUNNING, SEEN, NOTHING, MISSED);
        Instant aDayLater = SEEN.plus(StoppedServices.RETENTION);

        assertThat(stopped.after(NOTHING, aDayLater, NOTHING, aDayLater).find(APP)).isPresent();
        assertThat(stopped.after(NOTHING, aDayLater, NOTHING, aDayLater.plus(Duration.ofSeconds(1))).isEmpty()).isTrue();
    }

    @Test
    void forgettingDropsOneNameAndLeavesTheOthers() {
        ServiceName api = new ServiceName("api");
        ServiceCatalog both = ServiceCatalog.of(List.of(Listener.of(APP, 5173, VITE), Listener.withoutProcess(api, 3000)));
        StoppedServices stopped = StoppedServices.none().after(both, SEEN, NOTHING, MISSED);

        assertThat(stopped.forget(APP).all()).extracting(StoppedService::name).containsExactly(api);
        assertThat(stopped.forget(new ServiceName("never"))).isSameAs(stopped);
    }

    @Test
    void theCatalogListsRunningAndStoppedServicesTogetherByName() {
        ServiceCatalog catalog = ServiceCatalog.of(List.of(Listener.withoutProcess(new ServiceName("zed"), 3000)))
                .withStopped(StoppedServices.none().after(RUNNING, SEEN, NOTHING, MISSED));

        assertThat(catalog.listed()).extracting(ListedService::name)
                .containsExactly(APP, new ServiceName("zed"));
        assertThat(catalog.listed().get(0)).isInstanceOf(StoppedService.class);
        assertThat(catalog.contains(APP)).isFalse();
    }
}
