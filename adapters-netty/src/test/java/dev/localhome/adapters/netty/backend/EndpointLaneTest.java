package dev.localhome.adapters.netty.backend;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.Channel;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The cap, the queue and the stall rule of one loop's lane, step by step on an embedded event loop whose clock the
 * test moves: connections are embedded channels, and a connect completes when the test says so.
 */
class EndpointLaneTest {
    private static final int CAP = 2;
    private static final long STALL_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final EmbeddedChannel loop = new EmbeddedChannel(); // its event loop, and its clock
    private final List<CompletableFuture<Channel>> opening = new ArrayList<>();
    private final EndpointLane lane = new EndpointLane(CAP, CAP, STALL_NANOS, loop.eventLoop(), client -> {
        CompletableFuture<Channel> connecting = new CompletableFuture<>();
        opening.add(connecting);
        return connecting;
    });

    /** The {@code n}th connection the lane opened connects. */
    private Channel connected(int n) {
        EmbeddedChannel connection = new EmbeddedChannel();
        connection.closeFuture().addListener(closed -> lane.closed(connection));
        opening.get(n).complete(connection);
        return connection;
    }

    private CompletableFuture<Channel> acquire() {
        return lane.acquire(new EmbeddedChannel(), false);
    }

    private void stallPeriodPasses() {
        loop.advanceTimeBy(STALL_NANOS, TimeUnit.NANOSECONDS);
        loop.runScheduledPendingTasks();
    }

    @Test
    void exchangesBeyondTheCapWaitAndAConnectionGivenBackGoesToTheFirstOfThem() {
        CompletableFuture<Channel> first = acquire(), second = acquire(), third = acquire(), fourth = acquire();
        assertThat(opening).as("connections opened for four exchanges").hasSize(CAP);
        Channel one = connected(0);
        connected(1);
        assertThat(first).isCompletedWithValue(one);
        assertThat(third).isNotDone();

        lane.giveBack(one, true);

        assertThat(third).isCompletedWithValue(one);
        assertThat(fourth).isNotDone();
        assertThat(opening).hasSize(CAP);
    }

    @Test
    void aClosedConnectionLetsTheNextWaiterConnect() {
        acquire();
        acquire();
        CompletableFuture<Channel> waiting = acquire();
        Channel one = connected(0);
        connected(1);

        one.close();
        loop.runPendingTasks();

        assertThat(opening).hasSize(CAP + 1);
        Channel three = connected(2);
        assertThat(waiting).isCompletedWithValue(three);
    }

    @Test
    void aWaiterWhoseClientLeftIsSkippedAndNeverGetsAConnection() {
        acquire();
        acquire();
        CompletableFuture<Channel> left = acquire();
        CompletableFuture<Channel> stays = acquire();
        Channel one = connected(0);
        connected(1);

        left.cancel(false);
        lane.giveBack(one, true);

        assertThat(stays).isCompletedWithValue(one);
        assertThat(opening).hasSize(CAP);
    }

    @Test
    void aTunnelOrAnEventStreamGivesItsSlotUpAtOnce() {
        acquire();
        acquire();
        CompletableFuture<Channel> waiting = acquire();
        Channel stream = connected(0);
        connected(1);

        lane.exempt(stream);

        assertThat(opening).as("a slot freed for the waiter").hasSize(CAP + 1);
        assertThat(waiting).isNotDone(); // connecting
    }

    @Test
    void aStalledQueueFirstExemptsTheExchangesAlreadyStreaming() {
        acquire();
        acquire();
        CompletableFuture<Channel> third = acquire(), fourth = acquire();
        lane.answering(connected(0));
        lane.answering(connected(1));

        stallPeriodPasses();

        assertThat(opening).as("both streaming connections gave their slots up").hasSize(CAP + 2);
        assertThat(third).isNotDone();
        assertThat(fourth).isNotDone();
    }

    @Test
    void aStalledQueueWithNothingStreamingLetsOneWaiterPastTheCapEachPeriod() {
        acquire();
        acquire();
        acquire();
        acquire();
        connected(0); // long polls: no head, nothing given back
        connected(1);

        stallPeriodPasses();
        assertThat(opening).hasSize(CAP + 1);
        connected(2); // a long poll again

        stallPeriodPasses();
        assertThat(opening).hasSize(CAP + 2);
    }

    @Test
    void aQueueThatMovesIsNotStalled() {
        acquire();
        acquire();
        acquire();
        acquire();
        Channel one = connected(0);
        connected(1);

        loop.advanceTimeBy(STALL_NANOS / 2, TimeUnit.NANOSECONDS);
        lane.giveBack(one, true); // the third exchange gets it
        loop.advanceTimeBy(STALL_NANOS / 2, TimeUnit.NANOSECONDS);
        loop.runScheduledPendingTasks();

        assertThat(opening).as("no connection past the cap while connections come back").hasSize(CAP);
    }

    @Test
    void aRetryAtTheCapClosesAnIdleConnectionAndGetsANewOne() {
        acquire();
        acquire();
        Channel one = connected(0);
        connected(1);
        lane.giveBack(one, true); // idle now, as a pooled connection the same restart may have killed

        CompletableFuture<Channel> retry = lane.acquire(new EmbeddedChannel(), true);
        loop.runPendingTasks();

        assertThat(one.isOpen()).as("the idle connection").isFalse();
        assertThat(opening).as("a new connection for the retry").hasSize(CAP + 1);
        Channel fresh = connected(2);
        assertThat(retry).isCompletedWithValue(fresh);
    }
}
