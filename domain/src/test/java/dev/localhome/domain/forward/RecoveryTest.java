package dev.localhome.domain.forward;

import static org.assertj.core.api.Assertions.assertThat;

import dev.localhome.domain.Endpoint;
import dev.localhome.domain.Service;
import dev.localhome.domain.ServiceName;
import dev.localhome.domain.routing.HeaderRewrite;
import dev.localhome.domain.routing.Route;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class RecoveryTest {
    private static final ServiceName APP = new ServiceName("app");
    private static final Route.Forward TO_5173 = new Route.Forward(service(5173), "/x", HeaderRewrite.asLocalhost(5173, "app", "https"));
    private static final ForwardAttempt FIRST = ForwardAttempt.first(TO_5173);

    private static Service service(int port) {
        return new Service(APP, Endpoint.loopback(port), new TreeSet<>(List.of(port)), List.of());
    }

    private static BackendFailure.LostBeforeAnswer lost(boolean replayable, boolean reused, boolean otherProtocol) {
        return new BackendFailure.LostBeforeAnswer(replayable, reused, otherProtocol, "it closed the connection");
    }

    @Test
    void aRefusalFirstAsksWhereTheServiceIsNowAndFollowsItToItsNewPort() {
        assertThat(Recovery.mayHaveMoved(FIRST, new BackendFailure.Refused())).isTrue();

        ForwardPlan plan = Recovery.decide(FIRST, new BackendFailure.Refused(), Optional.of(service(5174)));

        assertThat(plan).isInstanceOf(ForwardPlan.Relocate.class);
        Route.Forward moved = ((ForwardPlan.Relocate) plan).route();
        assertThat(moved.service().endpoint().port()).isEqualTo(5174);
        assertThat(moved.rewrite().host()).hasValue("localhost:5174");
    }

    @Test
    void aRefusalWhereTheServiceStillIsOrIsGoneGivesUp() {
        assertThat(Recovery.decide(FIRST, new BackendFailure.Refused(), Optional.of(service(5173))))
                .isEqualTo(new ForwardPlan.GiveUp("connection refused"));
        assertThat(Recovery.decide(FIRST, new BackendFailure.Refused(), Optional.empty()))
                .isEqualTo(new ForwardPlan.GiveUp("connection refused"));
    }

    @Test
    void aServiceIsFollowedOnceOnly() {
        ForwardAttempt relocated = FIRST.relocatedTo(TO_5173.movedTo(service(5174)));
        assertThat(Recovery.mayHaveMoved(relocated, new BackendFailure.Refused())).isFalse();
        assertThat(Recovery.decide(relocated, new BackendFailure.Refused(), Optional.empty()))
                .isInstanceOf(ForwardPlan.GiveUp.class);
    }

    @Test
    void aConnectionClosedBeforeItWasEstablishedIsRetriedOnce() {
        assertThat(Recovery.decide(FIRST, new BackendFailure.ClosedBeforeConnected(), Optional.empty()))
                .isEqualTo(new ForwardPlan.Retry());
        assertThat(Recovery.decide(FIRST.retry(), new BackendFailure.ClosedBeforeConnected(), Optional.empty()))
                .isInstanceOf(ForwardPlan.GiveUp.class);
    }

    @Test
    void aReplayableRequestLostOnAStalePooledConnectionOrAWrongProtocolGuessIsRetriedOnce() {
        assertThat(Recovery.decide(FIRST, lost(true, true, false), Optional.empty())).isEqualTo(new ForwardPlan.Retry());
        assertThat(Recovery.decide(FIRST, lost(true, false, true), Optional.empty())).isEqualTo(new ForwardPlan.Retry());
        assertThat(Recovery.decide(FIRST.retry(), lost(true, true, false), Optional.empty()))
                .isEqualTo(new ForwardPlan.GiveUp("it closed the connection"));
    }

    @Test
    void aRequestThatCannotBeReplayedOrAFreshConnectionThatFailedGivesUp() {
        assertThat(Recovery.decide(FIRST, lost(false, true, true), Optional.empty())).isInstanceOf(ForwardPlan.GiveUp.class);
        assertThat(Recovery.decide(FIRST, lost(true, false, false), Optional.empty())).isInstanceOf(ForwardPlan.GiveUp.class);
        assertThat(Recovery.mayHaveMoved(FIRST, lost(true, true, true))).isFalse();
    }

    @Test
    void anyOtherFailureGivesUpWithItsReason() {
        assertThat(Recovery.decide(FIRST, new BackendFailure.Other("timed out"), Optional.empty()))
                .isEqualTo(new ForwardPlan.GiveUp("timed out"));
    }
}
