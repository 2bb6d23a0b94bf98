package dev.localhome.domain.inspect;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExchangeTest {
    @Test
    void aStartedExchangeIsOpenWithNoAnswerYet() {
        Exchange started = Exchange.started(1, "app", Instant.EPOCH, "GET", "/x?y=1", ArrivalPath.HOST,
                ExchangeProtocol.HTTP1, List.of());
        assertThat(started.isOpen()).isTrue();
        assertThat(started.state().status()).isZero();
        assertThat(started.state().firstByteNanos()).isEqualTo(ExchangeState.UNKNOWN);
        assertThat(started.answeredBy()).isEqualTo(AnsweredBy.BACKEND);
    }

    @Test
    void aLongTargetIsCutQueryAndAll() {
        String target = "/x?q=" + "a".repeat(3_000);
        Exchange started = Exchange.started(1, "app", Instant.EPOCH, "GET", target, ArrivalPath.PAC,
                ExchangeProtocol.HTTP1, List.of());
        assertThat(started.target()).hasSize(Exchange.MAX_TARGET).startsWith("/x?q=aaa");
    }

    @Test
    void aLaterSnapshotKeepsItsIdentityAndRequest() {
        Exchange started = Exchange.started(7, "app", Instant.EPOCH, "GET", "/", ArrivalPath.TLS,
                ExchangeProtocol.HTTP2, List.of(Header.recorded("accept", "*/*")));
        Exchange done = started.with(ExchangeProtocol.HTTP2, AnsweredBy.BACKEND, new ExchangeState.Done(200, 5, 9), 0, 12,
                List.of());
        assertThat(done.isOpen()).isFalse();
        assertThat(done).extracting(Exchange::id, Exchange::target, Exchange::requestHeaders)
                .containsExactly(7L, "/", started.requestHeaders());
    }
}
