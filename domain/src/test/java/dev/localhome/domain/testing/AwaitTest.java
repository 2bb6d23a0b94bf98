package dev.localhome.domain.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class AwaitTest {
    @Test
    void returnsTheFirstValueTheProbeYields() {
        AtomicInteger asked = new AtomicInteger();

        String value = Await.value(Duration.ofSeconds(5),
                () -> asked.incrementAndGet() == 3 ? Optional.of("third") : Optional.empty(), () -> "never");

        assertThat(value).isEqualTo("third");
        assertThat(asked).hasValue(3);
    }

    @Test
    void failsWithTheCallersDescriptionOnceTheBoundHasPassed() {
        AtomicInteger asked = new AtomicInteger();

        assertThatThrownBy(() -> Await.until(Duration.ZERO, () -> asked.incrementAndGet() < 0,
                () -> "asked " + asked.get() + " time(s)"))
                .isInstanceOf(AssertionError.class)
                .hasMessage("asked 1 time(s) (waited PT0S)");
    }
}
