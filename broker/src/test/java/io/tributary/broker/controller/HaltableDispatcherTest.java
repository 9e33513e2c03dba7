package io.tributary.broker.controller;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.broker.network.Outcome;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class HaltableDispatcherTest {

    /** Requests the fake controller holds, as a halted driver holds its parked long-polls: never answered. */
    private final List<CompletableFuture<Outcome>> held = new ArrayList<>();
    private final HaltableDispatcher dispatcher = new HaltableDispatcher((request, connection) -> {
        CompletableFuture<Outcome> f = new CompletableFuture<>();
        held.add(f);
        return f;
    });

    @Test
    void haltFinishesEveryRequestStillInProgressWithAClose() {
        CompletableFuture<Outcome> a = dispatcher.dispatch(null, null);
        CompletableFuture<Outcome> b = dispatcher.dispatch(null, null);
        assertThat(dispatcher.inProgress()).isEqualTo(2);

        dispatcher.halt();

        assertThat(a).isCompletedWithValueMatching(o -> o instanceof Outcome.Close);
        assertThat(b).isCompletedWithValueMatching(o -> o instanceof Outcome.Close);
        assertThat(dispatcher.inProgress()).isZero();
    }

    @Test
    void aRequestAnsweredNormallyIsNoLongerTrackedAndKeepsItsAnswer() {
        CompletableFuture<Outcome> a = dispatcher.dispatch(null, null);
        held.get(0).complete(Outcome.NO_RESPONSE);
        assertThat(dispatcher.inProgress()).isZero();

        dispatcher.halt();

        assertThat(a).isCompletedWithValue(Outcome.NO_RESPONSE);
    }

    @Test
    void aRequestDispatchedAfterTheHaltIsClosedAtOnce() {
        dispatcher.halt();

        assertThat(dispatcher.dispatch(null, null)).isCompletedWithValueMatching(o -> o instanceof Outcome.Close);
        assertThat(dispatcher.inProgress()).isZero();
    }
}
