package dev.localhome.bootstrap.wiring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.localhome.domain.Listener;
import dev.localhome.domain.port.DiscoveryState;
import dev.localhome.domain.port.ServiceDiscovery;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** A plugin's source behind the guard keeps what a source may say beyond its listeners: state, changes, closing. */
class GuardedDiscoveryTest {

    @Test
    void thePluginsStateChangeHookAndCloseArePassedThrough() throws Exception {
        AtomicReference<Runnable> hook = new AtomicReference<>();
        AtomicBoolean closed = new AtomicBoolean();
        DiscoveryState paused = new DiscoveryState.Paused("its engine went away", Instant.EPOCH);
        final class Announcing implements ServiceDiscovery, AutoCloseable {
            @Override
            public String sourceName() {
                return "announcing";
            }

            @Override
            public List<Listener> scan() {
                return List.of();
            }

            @Override
            public DiscoveryState state() {
                return paused;
            }

            @Override
            public void whenChanged(Runnable rescan) {
                hook.set(rescan);
            }

            @Override
            public void close() {
                closed.set(true);
            }
        }
        GuardedDiscovery guarded = GuardedDiscovery.of("example.Plugin", new Announcing());
        Runnable rescan = () -> {};

        guarded.whenChanged(rescan);
        guarded.close();

        assertThat(guarded.state()).isEqualTo(paused);
        assertThat(hook.get()).isSameAs(rescan);
        assertThat(closed).isTrue();
    }

    @Test
    void aSourceThatFailedToStartIsOffAndSaysWhichPlugin() {
        assertThat(GuardedDiscovery.broken("example.Plugin").state())
                .isInstanceOfSatisfying(DiscoveryState.Off.class, off -> assertThat(off.reason()).contains("example.Plugin"));
    }
}
