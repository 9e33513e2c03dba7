package io.tributary.coordinator;

import io.tributary.common.ErrorCode;
import io.tributary.coordinator.api.CoordinatorRequest;
import io.tributary.coordinator.api.CoordinatorResponse;
import io.tributary.coordinator.api.OffsetFetchRequest;
import io.tributary.coordinator.api.OffsetFetchResponse;
import io.tributary.coordinator.api.Reply;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class PendingRepliesTest {

    /** Records what each request was answered, in the order the answers went out. */
    private final List<String> answers = new ArrayList<>();
    private final PendingReplies pending = new PendingReplies();

    private long admit(String name) {
        OffsetFetchRequest request = new OffsetFetchRequest(name, null, false);
        return pending.admit(new PendingReplies.Waiter() {
            @Override
            public CoordinatorRequest request() {
                return request;
            }

            @Override
            public void complete(CoordinatorResponse response) {
                answers.add(name + "=" + ((OffsetFetchResponse) response).error());
            }
        });
    }

    /** An output that wrote nothing and answers one request with success. */
    private static ShardOutput output(long firstOffset, long requestId) {
        return new ShardOutput(firstOffset, List.of(), List.of(new Reply(requestId, new OffsetFetchResponse(ErrorCode.NONE, List.of()))));
    }

    @Test
    void repliesGoOutInOutputOrderOnlyOnceTheOutcomeAllowsIt() {
        long a = admit("a");
        long b = admit("b");
        pending.hold(output(0, a), -1, 1_000);
        pending.hold(output(0, b), -1, 1_000);
        long[] highWatermark = {-1};
        List<Long> acked = new ArrayList<>();
        PendingReplies.Outcome atHw = head -> highWatermark[0] >= head.atHighWatermark() ? ErrorCode.NONE : null;

        pending.release(10, atHw, r -> acked.add(r.atHighWatermark()));
        assertThat(answers).as("nothing is committed yet").isEmpty();

        highWatermark[0] = 0;
        pending.release(20, atHw, r -> acked.add(r.atHighWatermark()));
        assertThat(answers).containsExactly("a=NONE", "b=NONE");
        assertThat(acked).containsExactly(0L, 0L);
        assertThat(pending.waitingCount()).isZero();
        assertThat(pending.nextDeadlineMs()).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void aHeldOutputPastItsDeadlineFailsAndStopsBlockingTheNext() {
        long a = admit("a");
        long b = admit("b");
        pending.hold(output(0, a), -1, 100);
        pending.hold(output(0, b), -1, 500);
        assertThat(pending.nextDeadlineMs()).isEqualTo(100);

        pending.release(100, head -> null, r -> { });
        assertThat(answers).containsExactly("a=COORDINATOR_NOT_AVAILABLE");
        assertThat(pending.nextDeadlineMs()).isEqualTo(500);
        pending.release(200, head -> ErrorCode.NOT_COORDINATOR, r -> { });
        assertThat(answers).containsExactly("a=COORDINATOR_NOT_AVAILABLE", "b=NOT_COORDINATOR");
    }

    @Test
    void answerAllAnswersEveryRequestExactlyOnceInAdmissionOrder() {
        long a = admit("a");
        admit("b");
        long c = admit("c");
        pending.hold(output(0, c), -1, 1_000);
        pending.send(List.of(new Reply(a, new OffsetFetchResponse(ErrorCode.NONE, List.of()))));
        pending.answerAll(ErrorCode.NOT_COORDINATOR);
        pending.answerAll(ErrorCode.NOT_COORDINATOR);
        assertThat(answers).containsExactly("a=NONE", "c=NOT_COORDINATOR", "b=NOT_COORDINATOR");
        assertThat(pending.waitingCount()).isZero();
    }

    @Test
    void aForgottenRequestIsNeverAnswered() {
        long a = admit("a");
        assertThat(pending.forget(a)).isNotNull();
        assertThat(pending.forget(a)).isNull();
        pending.send(List.of(new Reply(a, new OffsetFetchResponse(ErrorCode.NONE, List.of()))));
        pending.answerAll(ErrorCode.NOT_COORDINATOR);
        assertThat(answers).isEmpty();
    }
}
