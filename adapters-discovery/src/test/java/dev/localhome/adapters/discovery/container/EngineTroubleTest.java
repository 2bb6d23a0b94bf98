package dev.localhome.adapters.discovery.container;

import static org.assertj.core.api.Assertions.assertThat;

import dev.localhome.domain.port.DiscoveryState;
import java.net.ConnectException;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class EngineTroubleTest {
    private static final Path SOCKET = Path.of("/var/run/docker.sock");
    private static final Instant FIRST = Instant.parse("2026-12-07T20:00:00Z");
    private static final Instant LATER = Instant.parse("2026-12-07T20:05:00Z");

    @Test
    void aRefusedConnectionIsAPauseAndADeniedOneIsOffWithWhatItTakes() {
        assertThat(EngineTrouble.of(new ConnectException("Connection refused"), SOCKET, FIRST).sentence())
                .startsWith("the engine at /var/run/docker.sock does not answer (connection refused): is it running?");
        assertThat(EngineTrouble.of(new java.net.SocketException("Permission denied"), SOCKET, FIRST))
                .isInstanceOfSatisfying(DiscoveryState.Off.class,
                        off -> assertThat(off.reason()).contains("docker group", "as good as root"));
    }

    @Test
    void aRetryThatFindsTheSameTroubleChangesNothingAndAPauseKeepsWhenItBegan() {
        DiscoveryState stopped = EngineTrouble.stoppedAnswering(SOCKET, FIRST);
        DiscoveryState refused = EngineTrouble.of(new ConnectException("Connection refused"), SOCKET, LATER);

        assertThat(EngineTrouble.after(stopped, EngineTrouble.stoppedAnswering(SOCKET, LATER))).isSameAs(stopped);
        assertThat(EngineTrouble.after(stopped, refused)).isInstanceOfSatisfying(DiscoveryState.Paused.class, paused -> {
            assertThat(paused.reason()).contains("connection refused");
            assertThat(paused.since()).isEqualTo(FIRST);
        });
        DiscoveryState off = new DiscoveryState.Off(EngineTrouble.permissionDenied(SOCKET));
        assertThat(EngineTrouble.after(off, new DiscoveryState.Off(EngineTrouble.permissionDenied(SOCKET)))).isSameAs(off);
        assertThat(EngineTrouble.after(new DiscoveryState.Paused(EngineTrouble.NOT_CONNECTED_YET, FIRST), refused))
                .as("not yet connected is no pause of the engine's").isEqualTo(refused);
    }
}
