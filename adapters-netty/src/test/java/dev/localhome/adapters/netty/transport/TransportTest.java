package dev.localhome.adapters.netty.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.channel.EventLoopGroup;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TransportTest {
    private static final List<String> NAMED = List.of("epoll", "io_uring", "nio");

    @Test
    void everyNamedTransportEitherLoadsOrSaysWhyItCannot() {
        for (String name : NAMED) {
            Optional<String> why = Transport.whyUnavailable(name);
            if (why.isEmpty()) {
                Transport transport = Transport.chosen(name);
                assertThat(transport.name()).isEqualTo(name);
                EventLoopGroup group = transport.newGroup(1, "transport-test");
                assertThat(group.next().isShuttingDown()).isFalse();
                group.shutdownGracefully(0, 0, java.util.concurrent.TimeUnit.MILLISECONDS).syncUninterruptibly();
            } else {
                assertThatThrownBy(() -> Transport.chosen(name)).isInstanceOf(IllegalStateException.class)
                        .hasMessage("the %s transport cannot load on this machine: %s", name, why.get());
            }
        }
    }

    @Test
    void nioLoadsEverywhere() {
        assertThat(Transport.whyUnavailable("nio")).isEmpty();
    }

    @Test
    void autoTakesTheFirstOfTheFastestFirstOrderThatLoads() {
        String expected = Transport.AUTO_ORDER.stream().filter(name -> Transport.whyUnavailable(name).isEmpty())
                .findFirst().orElseThrow();

        assertThat(Transport.best().name()).isEqualTo(expected);
        assertThat(Transport.AUTO_ORDER).containsExactlyInAnyOrderElementsOf(NAMED);
    }

    @Test
    void aNameThatIsNoTransportIsRefusedNamingTheChoices() {
        assertThatThrownBy(() -> Transport.chosen("kqueue")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("no transport called 'kqueue' (known: auto, epoll, io_uring, nio)");
    }
}
