package dev.localhome.domain.port;

import static org.assertj.core.api.Assertions.assertThat;

import dev.localhome.domain.Endpoint;
import dev.localhome.domain.Listener;
import dev.localhome.domain.ServiceName;
import java.io.IOException;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * What every {@link ServiceDiscovery} must do. An adapter's test extends this class and returns its implementation,
 * built over a fixture or the real platform; the catalog relies on nothing more than these properties.
 */
public abstract class ServiceDiscoveryContract {

    /** The source under test; called once per test, so it may return a fresh instance or a shared one. */
    protected abstract ServiceDiscovery discovery();

    /**
     * Names the source must find because the test prepared them (a fixture, a started process). Empty by default:
     * a source over the real machine may legitimately find nothing.
     */
    protected Set<ServiceName> namesThatMustBeFound() {
        return Set.of();
    }

    @Test
    void scanReturnsAListWithoutNulls() throws IOException {
        List<Listener> listeners = discovery().scan();

        assertThat(listeners).isNotNull().doesNotContainNull();
    }

    @Test
    void everyListenerHasAValidNameAndALoopbackOrContainerBridgeEndpoint() throws IOException {
        for (Listener listener : discovery().scan()) {
            assertThat(ServiceName.parse(listener.name().value())).contains(listener.name());
            Endpoint at = listener.endpoint();
            if (at.isLoopback()) assertThat(at.address()).isIn(Endpoint.IPV4_LOOPBACK, Endpoint.IPV6_LOOPBACK);
            else assertThat(at.bridge()).hasValueSatisfying(bridge -> assertThat(bridge.holds(at.address())).isTrue());
            assertThat(listener.endpoint().port()).isBetween(1, 65_535);
            assertThat(listener.process()).isNotNull();
        }
    }

    @Test
    void twoScansInARowBothSucceed() throws IOException {
        ServiceDiscovery discovery = discovery();

        assertThat(discovery.scan()).isNotNull();
        assertThat(discovery.scan()).isNotNull();
    }

    @Test
    void sourceNameIsNotBlank() {
        assertThat(discovery().sourceName()).isNotBlank();
    }

    @Test
    void scanFindsEveryNameTheTestPrepared() throws IOException {
        Set<ServiceName> found = discovery().scan().stream().map(Listener::name).collect(Collectors.toSet());

        assertThat(found).containsAll(namesThatMustBeFound());
    }
}
