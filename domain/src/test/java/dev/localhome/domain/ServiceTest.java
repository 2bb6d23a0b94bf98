package dev.localhome.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class ServiceTest {
    private static final ServiceName APP = new ServiceName("app");
    private static final ProcessInfo VITE = new ProcessInfo(100, "node vite");

    @Test
    void aCatalogServiceKnowsTheEndpointOfEachOfItsPorts() {
        ServiceCatalog catalog = ServiceCatalog.of(List.of(
                Listener.of(APP, 5173, VITE),
                new Listener(APP, new Endpoint("::1", 5173), Optional.of(VITE)),
                new Listener(APP, new Endpoint("::1", 24678), Optional.of(VITE)), // Vite's HMR port, IPv6 only
                Listener.of(APP, 9229, VITE)));
        Service app = catalog.find(APP).orElseThrow();

        assertThat(app.endpoint()).isEqualTo(Endpoint.loopback(5173));
        assertThat(app.ports()).containsExactly(5173, 9229, 24678);
        assertThat(app.endpointAt(5173)).contains(Endpoint.loopback(5173)); // both families: IPv4 reaches every client
        assertThat(app.endpointAt(24678)).contains(new Endpoint("::1", 24678));
        assertThat(app.endpointAt(9229)).contains(Endpoint.loopback(9229));
        assertThat(app.endpointAt(3000)).isEmpty();
    }

    @Test
    void atAPortItListensOnTheServiceIsServedThereWithEverythingElseKept() {
        Service app = ServiceCatalog.of(List.of(Listener.of(APP, 5173, VITE), Listener.of(APP, 9229, VITE)))
                .find(APP).orElseThrow();

        Service debugger = app.atPort(9229).orElseThrow();

        assertThat(debugger.endpoint()).isEqualTo(Endpoint.loopback(9229));
        assertThat(debugger.ports()).isEqualTo(app.ports());
        assertThat(debugger.processes()).isEqualTo(app.processes());
        assertThat(app.atPort(5173)).contains(app);
    }

    @Test
    void atAPortNoneOfItsProcessesListensOnThereIsNoService() {
        Service app = ServiceCatalog.of(List.of(Listener.of(APP, 5173, VITE))).find(APP).orElseThrow();

        assertThat(app.atPort(5174)).isEmpty();
        assertThat(app.atPort(9090)).isEmpty();
    }

    @Test
    void endpointsThatDoNotMatchThePortsAreRejected() {
        TreeSet<Integer> ports = new TreeSet<>(List.of(5173, 9229));
        TreeMap<Integer, Endpoint> onlyOne = new TreeMap<>();
        onlyOne.put(5173, Endpoint.loopback(5173));
        TreeMap<Integer, Endpoint> crossed = new TreeMap<>();
        crossed.put(5173, Endpoint.loopback(5173));
        crossed.put(9229, Endpoint.loopback(9230));

        assertThatThrownBy(() -> new Service(APP, Endpoint.loopback(5173), ports, List.of(), onlyOne))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Service(APP, Endpoint.loopback(5173), ports, List.of(), crossed))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
