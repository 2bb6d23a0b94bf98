package dev.localhome.adapters.netty.pages;

import static org.assertj.core.api.Assertions.assertThat;

import dev.localhome.application.inspect.RequestLog;
import dev.localhome.domain.inspect.ArrivalPath;
import dev.localhome.domain.inspect.Exchange;
import dev.localhome.domain.inspect.ExchangeProtocol;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpVersion;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The stream's promises that sockets cannot show quickly: what a slow reader gets, and that leaving unsubscribes. */
class EventStreamHandlerTest {
    private final RequestLog requests = new RequestLog(RequestLog.Settings.DEFAULT);
    private final java.util.List<Runnable> servicesWatchers = new java.util.concurrent.CopyOnWriteArrayList<>();

    private EmbeddedChannel stream(String service) {
        EmbeddedChannel channel = new EmbeddedChannel(new EventStreamHandler(requests, changed -> {
            servicesWatchers.add(changed);
            return () -> servicesWatchers.remove(changed);
        }, service, HttpVersion.HTTP_1_1));
        assertThat((Object) channel.readOutbound()).isInstanceOf(HttpResponse.class);
        assertThat(text(channel)).isEqualTo(": localhome request stream\nretry: 1000\n\n");
        return channel;
    }

    private void record(String service, String target) {
        requests.append(Exchange.started(requests.nextId(), service, Instant.EPOCH, "GET", target, ArrivalPath.HOST,
                ExchangeProtocol.HTTP1, List.of()));
    }

    private static String text(EmbeddedChannel channel) {
        StringBuilder all = new StringBuilder();
        for (Object out; (out = channel.readOutbound()) != null; ) {
            HttpContent content = (HttpContent) out;
            all.append(content.content().toString(StandardCharsets.UTF_8));
            content.release();
        }
        return all.toString();
    }

    @Test
    void eachSnapshotIsAnExchangeEventWithItsJson() {
        EmbeddedChannel channel = stream(null);
        record("app", "/x?y=1");
        channel.runPendingTasks();

        String events = text(channel);
        assertThat(events).startsWith("event: exchange\ndata: {\"id\":1,\"service\":\"app\"").endsWith("}\n\n");
        assertThat(events).contains("\"target\":\"/x?y=1\"", "\"state\":\"open\"", "\"firstByteMs\":null");
    }

    @Test
    void changedServicesAreAnEventOnTheStreamOfEveryServiceOnly() {
        EmbeddedChannel all = stream(null);
        EmbeddedChannel one = stream("app");
        assertThat(servicesWatchers).hasSize(1);

        servicesWatchers.forEach(Runnable::run);
        all.runPendingTasks();
        one.runPendingTasks();

        assertThat(text(all)).isEqualTo("event: services\ndata: {}\n\n");
        assertThat(text(one)).isEmpty();
    }

    @Test
    void aQuietStreamSendsNothing() {
        EmbeddedChannel channel = stream(null);
        channel.advanceTimeBy(10, java.util.concurrent.TimeUnit.MINUTES);
        channel.runScheduledPendingTasks();

        assertThat(text(channel)).isEmpty();
    }

    @Test
    void aStreamForOneServiceSkipsTheOthers() {
        EmbeddedChannel channel = stream("app");
        record("web", "/w");
        record("app", "/a");
        channel.runPendingTasks();

        assertThat(text(channel)).contains("/a").doesNotContain("/w");
    }

    @Test
    void aReaderThatCannotTakeMoreLosesEventsAndIsToldHowMany() {
        EmbeddedChannel channel = stream(null);
        channel.unsafe().outboundBuffer().setUserDefinedWritability(1, false); // as past the high-water mark
        for (int i = 0; i < 3; i++) record("app", "/lost" + i);
        channel.runPendingTasks();
        assertThat(text(channel)).isEmpty();

        channel.unsafe().outboundBuffer().setUserDefinedWritability(1, true);
        record("app", "/after");
        channel.runPendingTasks();

        assertThat(text(channel)).startsWith("event: dropped\ndata: {\"dropped\":3}\n\n").contains("/after")
                .doesNotContain("/lost");
    }

    @Test
    void atMostABoundedNumberOfSnapshotsWaitForTheStreamsEventLoop() {
        EmbeddedChannel channel = stream(null);
        // writability is the other test's subject: here only the hand-off's bound may drop
        channel.config().setWriteBufferWaterMark(new WriteBufferWaterMark(1 << 24, 1 << 25));
        for (int i = 0; i < EventStreamHandler.MAX_WAITING + 10; i++) record("app", "/" + i);
        channel.runPendingTasks();
        record("app", "/last");
        channel.runPendingTasks();

        String events = text(channel);
        assertThat(events.split("event: exchange\n", -1)).hasSize(EventStreamHandler.MAX_WAITING + 2);
        // the ten past the bound were dropped as they were recorded: the next event that goes out says so
        assertThat(events).startsWith("event: dropped\ndata: {\"dropped\":10}\n\nevent: exchange\ndata: {\"id\":1,")
                .contains("\"target\":\"/last\"").doesNotContain("\"target\":\"/" + EventStreamHandler.MAX_WAITING + "\"");
    }

    @Test
    void aClosedStreamNoLongerListens() {
        EmbeddedChannel channel = stream(null);
        assertThat(requests.hasListeners()).isTrue();
        assertThat(servicesWatchers).hasSize(1);

        channel.close();

        assertThat(requests.hasListeners()).isFalse();
        assertThat(servicesWatchers).isEmpty();
    }
}
