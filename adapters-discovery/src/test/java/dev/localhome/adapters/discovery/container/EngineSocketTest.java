package dev.localhome.adapters.discovery.container;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class EngineSocketTest {

    @Test
    void dockerHostDecidesWhenSet() {
        assertThat(EngineSocket.locate(Map.of("DOCKER_HOST", "unix:///tmp/d.sock"), Set.of(Path.of("/tmp/d.sock"),
                Path.of(EngineSocket.DOCKER))::contains)).isEqualTo(new EngineSocket.At(Path.of("/tmp/d.sock")));
        assertThat(EngineSocket.locate(Map.of("DOCKER_HOST", "unix:///tmp/gone.sock"), Set.of(Path.of(EngineSocket.DOCKER))::contains))
                .isInstanceOfSatisfying(EngineSocket.None.class, none -> assertThat(none.reason()).contains("/tmp/gone.sock"));
    }

    @Test
    void anEngineOverTheNetworkIsNeverUsed() {
        assertThat(EngineSocket.locate(Map.of("DOCKER_HOST", "tcp://10.0.0.5:2375"), path -> true))
                .isInstanceOfSatisfying(EngineSocket.None.class,
                        none -> assertThat(none.reason()).contains("tcp://10.0.0.5:2375", "unix://"));
    }

    @Test
    void withoutDockerHostDockersSocketComesFirstThenPodmansRootlessThenRootful() {
        Map<String, String> environment = Map.of("XDG_RUNTIME_DIR", "/run/user/1000");
        Path rootless = Path.of("/run/user/1000/podman/podman.sock");

        assertThat(EngineSocket.locate(environment, Set.of(Path.of(EngineSocket.DOCKER), rootless)::contains))
                .isEqualTo(new EngineSocket.At(Path.of(EngineSocket.DOCKER)));
        assertThat(EngineSocket.locate(environment, Set.of(rootless, Path.of(EngineSocket.PODMAN_ROOTFUL))::contains))
                .isEqualTo(new EngineSocket.At(rootless));
        assertThat(EngineSocket.locate(Map.of(), Set.of(Path.of(EngineSocket.PODMAN_ROOTFUL))::contains))
                .isEqualTo(new EngineSocket.At(Path.of(EngineSocket.PODMAN_ROOTFUL)));
        assertThat(EngineSocket.locate(Map.of(), path -> false)).isInstanceOf(EngineSocket.None.class);
    }
}
