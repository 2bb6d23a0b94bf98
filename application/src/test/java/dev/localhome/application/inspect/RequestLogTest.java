package dev.localhome.application.inspect;

import dev.localhome.application.port.RequestJournal;
import static org.assertj.core.api.Assertions.assertThat;

import dev.localhome.domain.inspect.AnsweredBy;
import dev.localhome.domain.inspect.ArrivalPath;
import dev.localhome.domain.inspect.Exchange;
import dev.localhome.domain.inspect.ExchangeProtocol;
import dev.localhome.domain.inspect.ExchangeState;
import dev.localhome.domain.inspect.Header;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class RequestLogTest {
    private final RequestLog requests = new RequestLog(RequestLog.Settings.DEFAULT, 3, 2, 1);

    private Exchange started(String service, String target) {
        return Exchange.started(requests.nextId(), service, Instant.EPOCH, "GET", target, ArrivalPath.HOST,
                ExchangeProtocol.HTTP1, List.of());
    }

    private static Exchange done(Exchange open) {
        return open.with(open.protocol(), AnsweredBy.BACKEND, new ExchangeState.Done(200, 1, 2), 0, 10, List.of());
    }

    @Test
    void keepsTheNewestPerServiceAndDropsTheOldestFirst() {
        for (int i = 1; i <= 5; i++) requests.append(started("app", "/" + i));
        assertThat(requests.recent("app", 10)).extracting(Exchange::target).containsExactly("/3", "/4", "/5");
        assertThat(requests.recent("app", 2)).extracting(Exchange::target).containsExactly("/4", "/5");
    }

    @Test
    void oneServiceTrafficNeverPushesOutAnother() {
        requests.append(started("web", "/w"));
        for (int i = 1; i <= 5; i++) requests.append(started("app", "/" + i));
        assertThat(requests.recent("web", 10)).extracting(Exchange::target).containsExactly("/w");
        assertThat(requests.recent(10)).extracting(Exchange::target).containsExactly("/w", "/3", "/4", "/5");
    }

    @Test
    void aLaterSnapshotReplacesTheOpenOneInPlace() {
        Exchange open = started("app", "/x");
        long place = requests.append(open);
        requests.replace(place, open, done(open));
        assertThat(requests.recent("app", 10)).singleElement().satisfies(e -> assertThat(e.isOpen()).isFalse());
    }

    @Test
    void aSnapshotOfAnExchangeAlreadyDroppedDoesNotOverwriteANewerOne() {
        Exchange old = started("app", "/old");
        long place = requests.append(old);
        for (int i = 1; i <= 3; i++) requests.append(started("app", "/" + i));
        requests.replace(place, old, done(old));
        assertThat(requests.recent("app", 10)).extracting(Exchange::target).containsExactly("/1", "/2", "/3");
    }

    @Test
    void theRecordIsBoundedInBytesTooAndKeepsTheNewest() {
        long one = started("app", "/0000").estimatedBytes();
        RequestLog log = new RequestLog(RequestLog.Settings.DEFAULT, 1_000, 4, 1, 10 * one);
        for (int i = 0; i < 100; i++) log.append(Exchange.started(log.nextId(), "app", Instant.EPOCH, "GET",
                "/%04d".formatted(i), ArrivalPath.HOST, ExchangeProtocol.HTTP1, List.of()));
        assertThat(log.heldBytes()).isLessThanOrEqualTo(10 * one);
        assertThat(log.recent("app", 1_000)).hasSize(10).last().extracting(Exchange::target).isEqualTo("/0099");
    }

    @Test
    void aServiceOverItsShareOfTheBytesGivesWayToOneThatIsRecordingNow() {
        long one = started("web", "/0000").estimatedBytes();
        RequestLog log = new RequestLog(RequestLog.Settings.DEFAULT, 1_000, 4, 1, 10 * one);
        for (int i = 0; i < 10; i++) log.append(Exchange.started(log.nextId(), "web", Instant.EPOCH, "GET",
                "/%04d".formatted(i), ArrivalPath.HOST, ExchangeProtocol.HTTP1, List.of()));
        for (int i = 0; i < 20; i++) log.append(Exchange.started(log.nextId(), "app", Instant.EPOCH, "GET",
                "/%04d".formatted(i), ArrivalPath.HOST, ExchangeProtocol.HTTP1, List.of()));
        assertThat(log.recent("app", 1_000)).hasSize(5);
        assertThat(log.recent("web", 1_000)).hasSize(5).last().extracting(Exchange::target).isEqualTo("/0009");
        assertThat(log.heldBytes()).isLessThanOrEqualTo(10 * one);
    }

    @Test
    void theBytesHeldAreThoseOfTheExchangesKeptThroughReplacesAndWraps() {
        RequestLog log = new RequestLog(RequestLog.Settings.DEFAULT, 3, 2, 1, 1L << 20);
        for (int i = 0; i < 7; i++) {
            Exchange open = Exchange.started(log.nextId(), "app", Instant.EPOCH, "GET", "/" + "x".repeat(i * 10),
                    ArrivalPath.HOST, ExchangeProtocol.HTTP1, List.of(Header.recorded("Accept", "text/html")));
            long place = log.append(open);
            if (i % 2 == 0) log.replace(place, open, open.with(open.protocol(), AnsweredBy.BACKEND,
                    new ExchangeState.Done(200, 1, 2), 0, 10, List.of(Header.recorded("Content-Type", "text/html"))));
        }
        assertThat(log.heldBytes()).isEqualTo(log.recent(100).stream().mapToLong(Exchange::estimatedBytes).sum());
    }

    @Test
    void anUnknownServiceHasNoExchanges() {
        assertThat(requests.recent("nope", 10)).isEmpty();
    }

    @Test
    void namesPastTheBoundAreShownToListenersButNotKept() {
        List<Exchange> seen = new ArrayList<>();
        requests.subscribe(seen::add);
        requests.append(started("a", "/"));
        requests.append(started("b", "/"));
        assertThat(requests.append(started("c", "/"))).isEqualTo(RequestLog.NOT_KEPT);
        assertThat(requests.recent("c", 10)).isEmpty();
        assertThat(seen).extracting(Exchange::service).containsExactly("a", "b", "c");
    }

    @Test
    void namesOnlyLocalhomeAnsweredNeverTakeTheRoomOfRunningServices() {
        RequestLog log = new RequestLog(RequestLog.Settings.DEFAULT, 3, 3, 1);
        for (String name : List.of("nope1", "nope2", "nope3"))
            log.append(Exchange.started(log.nextId(), name, Instant.EPOCH, "GET", "/", ArrivalPath.HOST,
                    ExchangeProtocol.HTTP1, List.of()).with(ExchangeProtocol.HTTP1, AnsweredBy.LOCALHOME,
                    new ExchangeState.Done(404, 1, 1), 0, 0, List.of()));
        log.append(Exchange.started(log.nextId(), "app", Instant.EPOCH, "GET", "/", ArrivalPath.HOST,
                ExchangeProtocol.HTTP1, List.of()));
        assertThat(log.recent(10)).extracting(Exchange::service).containsExactly("nope1", "app");
    }

    @Test
    void listenersSeeEverySnapshotUntilTheyUnsubscribe() {
        List<Exchange> seen = new ArrayList<>();
        RequestJournal.Subscription subscription = requests.subscribe(seen::add);
        assertThat(requests.hasListeners()).isTrue();
        Exchange open = started("app", "/x");
        requests.replace(requests.append(open), open, done(open));
        subscription.close();
        requests.append(started("app", "/after"));
        assertThat(requests.hasListeners()).isFalse();
        assertThat(seen).extracting(Exchange::id).containsExactly(open.id(), open.id());
        assertThat(seen).extracting(Exchange::isOpen).containsExactly(true, false);
    }

    @Test
    void aFailingListenerDoesNotStopTheRecordOrTheOthers() {
        List<Exchange> seen = new ArrayList<>();
        requests.subscribe(e -> { throw new IllegalStateException("listener bug"); });
        requests.subscribe(seen::add);
        requests.append(started("app", "/x"));
        assertThat(seen).hasSize(1);
        assertThat(requests.recent("app", 10)).hasSize(1);
    }

    @Test
    void appendsFromManyThreadsKeepExactlyTheRingsWorthWithUniqueIds() throws Exception {
        RequestLog big = new RequestLog(RequestLog.Settings.DEFAULT, 1_000, 4, 1);
        ExecutorService threads = Executors.newFixedThreadPool(4);
        CountDownLatch go = new CountDownLatch(1);
        try {
            for (int t = 0; t < 4; t++) {
                threads.execute(() -> {
                    try {
                        go.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    for (int i = 0; i < 2_000; i++)
                        big.append(Exchange.started(big.nextId(), "app", Instant.EPOCH, "GET", "/", ArrivalPath.HOST,
                                ExchangeProtocol.HTTP1, List.of()));
                });
            }
            go.countDown();
        } finally {
            threads.shutdown();
            assertThat(threads.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
        }
        List<Exchange> kept = big.recent("app", 5_000);
        assertThat(kept).hasSize(1_000);
        assertThat(kept).extracting(Exchange::id).doesNotHaveDuplicates().isSorted();
        assertThat(big.nextId()).isEqualTo(8_001);
    }
}
