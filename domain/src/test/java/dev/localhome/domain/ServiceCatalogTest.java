package dev.localhome.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class ServiceCatalogTest {
    private static final ServiceName APP = new ServiceName("app");
    private static final ProcessInfo VITE = new ProcessInfo(100, "node vite");
    private static final ProcessInfo WORKER = new ProcessInfo(200, "node worker.js");

    private static Listener v6(ServiceName name, int port, ProcessInfo process) {
        return new Listener(name, new Endpoint(Endpoint.IPV6_LOOPBACK, port), Optional.of(process));
    }

    @Test
    void severalProcessesWithOneNameAreOneService() {
        ServiceCatalog catalog = ServiceCatalog.of(List.of(
                Listener.of(APP, 5173, VITE), Listener.of(APP, 9229, VITE), Listener.of(APP, 3001, WORKER)));

        assertThat(catalog.size()).isEqualTo(1);
        Service app = catalog.find(APP).orElseThrow();
        assertThat(app.ports()).containsExactly(3001, 5173, 9229);
        assertThat(app.processes()).containsExactly(VITE, WORKER);
        assertThat(app.endpoint()).isEqualTo(Endpoint.loopback(3001));
    }

    @Test
    void theServingPortIsChosenByPortChoice() {
        ServiceCatalog catalog = ServiceCatalog.of(List.of(
                Listener.of(APP, 9229, VITE), Listener.of(APP, 5173, VITE), Listener.of(APP, 51_000, VITE)));

        assertThat(catalog.find(APP).orElseThrow().endpoint()).isEqualTo(Endpoint.loopback(5173));
    }

    @Test
    void aProcessListeningOnBothFamiliesIsListedOnce() {
        ServiceCatalog catalog = ServiceCatalog.of(List.of(v6(APP, 5173, VITE), Listener.of(APP, 5173, VITE)));

        Service app = catalog.find(APP).orElseThrow();
        assertThat(app.ports()).containsExactly(5173);
        assertThat(app.processes()).containsExactly(VITE);
    }

    @Test
    void ipv4IsPreferredWhenTheChosenPortListensOnBothFamilies() {
        ServiceCatalog ipv6First = ServiceCatalog.of(List.of(v6(APP, 5173, VITE), Listener.of(APP, 5173, VITE)));
        ServiceCatalog ipv4First = ServiceCatalog.of(List.of(Listener.of(APP, 5173, VITE), v6(APP, 5173, VITE)));

        assertThat(ipv6First.find(APP).orElseThrow().endpoint()).isEqualTo(Endpoint.loopback(5173));
        assertThat(ipv4First.find(APP).orElseThrow().endpoint()).isEqualTo(Endpoint.loopback(5173));
    }

    @Test
    void aServiceOnlyOnIpv6IsReachedOverIpv6() {
        ServiceCatalog catalog = ServiceCatalog.of(List.of(v6(APP, 5173, VITE), Listener.of(APP, 9229, VITE)));

        assertThat(catalog.find(APP).orElseThrow().endpoint()).isEqualTo(new Endpoint("::1", 5173));
    }

    @Test
    void servicesAreSortedByName() {
        ServiceCatalog catalog = ServiceCatalog.of(List.of(
                Listener.withoutProcess(new ServiceName("zeta"), 4000),
                Listener.withoutProcess(APP, 5173),
                Listener.withoutProcess(new ServiceName("api.shop"), 3000),
                Listener.withoutProcess(new ServiceName("_home"), 4100)));

        assertThat(catalog.names()).extracting(ServiceName::value).containsExactly("_home", "api.shop", "app", "zeta");
        assertThat(catalog.services()).extracting(Service::name).containsExactlyElementsOf(catalog.names());
    }

    @Test
    void aListenerWithoutAProcessMakesAServiceWithoutProcesses() {
        ServiceCatalog catalog = ServiceCatalog.of(List.of(Listener.withoutProcess(APP, 5173)));

        assertThat(catalog.find(APP).orElseThrow().processes()).isEmpty();
    }

    @Test
    void findsOnlyTheNamesItHolds() {
        ServiceCatalog catalog = ServiceCatalog.of(List.of(Listener.of(APP, 5173, VITE)));

        assertThat(catalog.contains(APP)).isTrue();
        assertThat(catalog.contains(new ServiceName("nope"))).isFalse();
        assertThat(catalog.find(new ServiceName("nope"))).isEmpty();
        assertThat(catalog.find(new ServiceName("APP"))).isPresent();
    }

    @Test
    void anEmptyCatalogHoldsNothing() {
        assertThat(ServiceCatalog.empty().size()).isZero();
        assertThat(ServiceCatalog.empty().names()).isEmpty();
        assertThat(ServiceCatalog.of(List.of())).isEqualTo(ServiceCatalog.empty());
    }

    @Test
    void catalogsOfTheSameListenersInAnyOrderAreEqual() {
        Listener app = Listener.of(APP, 5173, VITE);
        Listener shop = Listener.withoutProcess(new ServiceName("shop"), 3000);

        assertThat(ServiceCatalog.of(List.of(app, shop))).isEqualTo(ServiceCatalog.of(List.of(shop, app)))
                .hasSameHashCodeAs(ServiceCatalog.of(List.of(shop, app)));
    }

    @Test
    void theCatalogCannotBeChangedThroughItsLists() {
        ServiceCatalog catalog = ServiceCatalog.of(List.of(Listener.of(APP, 5173, VITE)));

        assertThatThrownBy(() -> catalog.services().clear()).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> catalog.find(APP).orElseThrow().ports().add(1))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void aServiceEndpointMustBeOneOfItsPorts() {
        assertThatIllegalArgumentException().isThrownBy(() ->
                new Service(APP, Endpoint.loopback(80), new TreeSet<>(List.of(5173)), List.of()));
    }

    @Test
    void aProcessNeedsAPositivePidAndMayLackACommand() {
        assertThatIllegalArgumentException().isThrownBy(() -> new ProcessInfo(0, "x"));
        assertThat(new ProcessInfo(1, null).command()).isEmpty();
    }

    // ---------------------------------------------------------------------------------------------------------------
    // The daemon itself is never a service.

    private static final ProcessInfo DAEMON = new ProcessInfo(300, "java -jar localhome.jar");
    private static final ServiceName DEVHOME = new ServiceName("devhome");
    private static final ServiceName LOOP = new ServiceName("loop");

    private static Self daemonListeningOn(int port) {
        Self self = new Self(DAEMON.pid(), "t0k3n");
        self.listeningOn(List.of(Endpoint.loopback(port)));
        return self;
    }

    @Test
    void theDaemonsOwnSocketsAreLeftOutWhateverNameItsEnvironmentGivesThem() {
        // started with NAME=devhome, the daemon is found by the process scan like any dev server
        ServiceCatalog catalog = ServiceCatalog.of(List.of(Listener.of(DEVHOME, 9090, DAEMON), Listener.of(APP, 5173, VITE)),
                daemonListeningOn(9090));

        assertThat(catalog.names()).containsExactly(APP);
        assertThat(catalog.knows(DEVHOME)).isFalse();
        assertThat(catalog.namesPointingAtDaemon()).isEmpty();
    }

    @Test
    void aNameFoundOnlyAtTheDaemonsOwnEndpointPointsAtTheDaemonAndIsNoService() {
        ServiceCatalog catalog = ServiceCatalog.of(List.of(Listener.withoutProcess(LOOP, 9090)), daemonListeningOn(9090));

        assertThat(catalog.find(LOOP)).isEmpty();
        assertThat(catalog.names()).isEmpty();
        assertThat(catalog.pointsAtDaemon(LOOP)).contains(Endpoint.loopback(9090));
        assertThat(catalog.knows(LOOP)).isTrue();
    }

    @Test
    void aNameWithAnotherListenerBesidesTheDaemonsEndpointIsServedThere() {
        ServiceCatalog catalog = ServiceCatalog.of(List.of(Listener.withoutProcess(APP, 9090), Listener.of(APP, 9091, VITE)),
                daemonListeningOn(9090));

        assertThat(catalog.find(APP).orElseThrow().endpoint()).isEqualTo(Endpoint.loopback(9091));
        assertThat(catalog.find(APP).orElseThrow().ports()).containsExactly(9091);
        assertThat(catalog.pointsAtDaemon(APP)).isEmpty();
    }

    @Test
    void anotherFamilyOnTheDaemonsPortIsAnotherServer() {
        ServiceCatalog catalog = ServiceCatalog.of(List.of(v6(APP, 9090, VITE)), daemonListeningOn(9090));

        assertThat(catalog.find(APP)).isPresent();
    }

    @Test
    void theDaemonIsListeningOnlyOnceItsTransportIsBoundAndOnlyOnce() {
        Self self = new Self(DAEMON.pid(), "t0k3n");
        assertThat(self.endpoints()).isEmpty();
        assertThat(ServiceCatalog.of(List.of(Listener.withoutProcess(LOOP, 9090)), self).find(LOOP)).isPresent();

        self.listeningOn(List.of(Endpoint.loopback(9090)));

        assertThat(self.listensOn(Endpoint.loopback(9090))).isTrue();
        assertThatThrownBy(() -> self.listeningOn(List.of(Endpoint.loopback(9091))))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void eachInstanceMarksItsViaEntriesWithItsOwnToken() {
        Self one = Self.ofThisProcess();
        Self other = Self.ofThisProcess();

        assertThat(one.viaEntry("1.1")).matches("1\\.1 localhome-[0-9a-f]{12}");
        assertThat(one.pseudonym()).isNotEqualTo(other.pseudonym());
        assertThatIllegalArgumentException().isThrownBy(() -> new Self(1, "Not A Token"));
    }
}
