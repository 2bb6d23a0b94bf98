package dev.localhome.adapters.netty.inbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.channel.embedded.EmbeddedChannel;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The timer runs on an embedded event loop with a frozen clock: time passes only when the test says so. */
class QuietReclaimTest {
    private static final Duration QUIET = Duration.ofSeconds(30);

    private final EmbeddedChannel loop = new EmbeddedChannel();
    private final AtomicInteger collections = new AtomicInteger();
    private QuietReclaim reclaim;

    @BeforeEach
    void freezeTheClock() {
        loop.freezeTime();
        reclaim = new QuietReclaim(loop.eventLoop(), QUIET, collections::incrementAndGet);
    }

    @AfterEach
    void close() {
        loop.finishAndReleaseAll();
    }

    /** Second by second, as a clock would: a timer set while time passes fires in the same pass. */
    private void pass(Duration time) {
        for (long second = 0; second < time.toSeconds(); second++) {
            loop.advanceTimeBy(1, TimeUnit.SECONDS);
            loop.runScheduledPendingTasks();
        }
    }

    @Test
    void oneQuietPeriodAfterTheLastActivityCollectsOnceAndThenNothingRunsAnyMore() {
        reclaim.touch();
        pass(Duration.ofSeconds(29));
        assertThat(collections).hasValue(0);
        pass(Duration.ofSeconds(1)); // the first look: the touch was in its period
        pass(QUIET);                 // the second: nothing since
        assertThat(collections).hasValue(1);

        pass(Duration.ofHours(1));
        assertThat(collections).as("an idle daemon has no timer").hasValue(1);
        assertThat(loop.runScheduledPendingTasks()).as("nothing left scheduled").isEqualTo(-1);
    }

    @Test
    void aBusyDaemonNeverCollects() {
        reclaim.touch();
        for (int second = 0; second < 600; second++) {
            reclaim.touch(); // a request every second for ten minutes
            pass(Duration.ofSeconds(1));
        }
        assertThat(collections).hasValue(0);

        pass(QUIET.multipliedBy(2)); // then traffic stops
        assertThat(collections).hasValue(1);
    }

    @Test
    void activityAfterACollectionArmsTheTimerAgain() {
        reclaim.touch();
        pass(QUIET.multipliedBy(2));
        assertThat(collections).hasValue(1);

        reclaim.touch();
        pass(QUIET.multipliedBy(2));
        assertThat(collections).hasValue(2);
    }

    @Test
    void aStoppedReclaimNeverCollects() {
        reclaim.touch();
        reclaim.stop();
        pass(QUIET.multipliedBy(3));
        assertThat(collections).hasValue(0);
    }

    @Test
    void aQuietPeriodMustBePositive() {
        assertThatThrownBy(() -> new QuietReclaim(loop.eventLoop(), Duration.ZERO, () -> {}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("positive");
    }
}
