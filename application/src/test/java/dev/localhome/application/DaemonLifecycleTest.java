package dev.localhome.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.localhome.application.DaemonLifecycle.Listening;
import dev.localhome.domain.Endpoint;
import dev.localhome.domain.Self;
import dev.localhome.domain.ServiceName;
import dev.localhome.domain.port.CertificateAuthority;
import dev.localhome.domain.port.ProxyTransport;
import dev.localhome.domain.port.RootCertificate;
import dev.localhome.domain.port.TlsIdentity;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.RejectedExecutionException;
import org.junit.jupiter.api.Test;

/** Start, listening, stop, over a transport that records what it is asked (no sockets: binding is the transport's). */
class DaemonLifecycleTest {
    private static final ServiceName HOME = new ServiceName("home");

    /** Binds nothing: answers {@code boundPort} for port 0, or fails as a taken port would. */
    private static final class RecordingTransport implements ProxyTransport {
        final List<String> calls = new CopyOnWriteArrayList<>();
        final int boundPort;
        final RuntimeException failure;

        RecordingTransport(int boundPort, RuntimeException failure) {
            this.boundPort = boundPort;
            this.failure = failure;
        }

        @Override
        public int start(String bindHost, int port) {
            calls.add("start " + bindHost + ":" + port);
            if (failure != null) throw failure;
            return port == 0 ? boundPort : port;
        }

        @Override
        public void prepareFor(ServiceName name) {
            calls.add("prepare " + name.value());
        }

        @Override
        public void stop(Duration grace) {
            calls.add("stop " + grace.toSeconds() + "s");
        }
    }

    private static final CertificateAuthority NO_CA = new CertificateAuthority() {
        @Override
        public Optional<RootCertificate> root() {
            return Optional.empty();
        }

        @Override
        public TlsIdentity identityFor(ServiceName name) {
            throw new IllegalStateException("no CA");
        }
    };

    @Test
    void startBindsThenScansAndTellsSelfAndTheTransportWhatItFound() throws InterruptedException {
        RunningServices running = new RunningServices();
        running.byName.put("app", 3000);
        Self self = Self.detached("test");
        RecordingTransport transport = new RecordingTransport(4242, null);
        ServiceRegistry registry = new ServiceRegistry(List.of(running), self);
        DaemonLifecycle lifecycle = new DaemonLifecycle(transport, NO_CA, registry, self);

        Listening listening = lifecycle.start("127.0.0.1", 0, HOME);
        try {
            assertThat(listening.port()).isEqualTo(4242);
            assertThat(listening.ca()).isEmpty();
            assertThat(self.listensOn(Endpoint.loopback(4242))).isTrue();
            assertThat(listening.firstScan().join().names()).containsExactly(new ServiceName("app"));
            assertThat(registry.scanned()).isTrue();
            // the daemon's own name before the bind; every service the first scan found, after it
            assertThat(transport.calls).containsExactly("prepare home", "start 127.0.0.1:0", "prepare app");
        } finally {
            lifecycle.stop(Duration.ofSeconds(2));
        }
        assertThat(transport.calls).endsWith("stop 2s");
        assertThatThrownBy(registry::rescan).as("discovery stopped with the transport")
                .isInstanceOf(RejectedExecutionException.class);
    }

    @Test
    void aFailedBindStopsDiscoveryAgainAndReachesTheCallerAsThrown() {
        RuntimeException taken = new UncheckedIOException(new BindException("Address already in use"));
        Self self = Self.detached("test");
        ServiceRegistry registry = new ServiceRegistry(List.of(new RunningServices()), self);
        DaemonLifecycle lifecycle = new DaemonLifecycle(new RecordingTransport(0, taken), NO_CA, registry, self);

        assertThatThrownBy(() -> lifecycle.start("127.0.0.1", 9090, HOME)).isSameAs(taken);
        assertThatThrownBy(registry::rescan).isInstanceOf(RejectedExecutionException.class);
        assertThat(self.endpoints()).isEmpty();
    }

    @Test
    void theLoopbackEndpointsABindAddressAcceptsOn() {
        assertThat(DaemonLifecycle.loopbackEndpoints("127.0.0.1", 9090)).as("::1 is bound beside it")
                .containsExactly(Endpoint.loopback(9090), new Endpoint("::1", 9090));
        assertThat(DaemonLifecycle.loopbackEndpoints("::1", 9090)).containsExactly(new Endpoint("::1", 9090));
        assertThat(DaemonLifecycle.loopbackEndpoints("0.0.0.0", 9090)).containsExactly(Endpoint.loopback(9090));
        assertThat(DaemonLifecycle.loopbackEndpoints("::", 9090))
                .containsExactlyInAnyOrder(Endpoint.loopback(9090), new Endpoint("::1", 9090));
        assertThat(DaemonLifecycle.loopbackEndpoints("192.0.2.1", 9090)).isEmpty(); // another interface: none
    }
}
