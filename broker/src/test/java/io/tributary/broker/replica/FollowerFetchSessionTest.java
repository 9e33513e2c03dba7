package io.tributary.broker.replica;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.common.ErrorCode;
import io.tributary.common.TopicId;
import io.tributary.common.TopicPartition;
import io.tributary.wire.api.fetch.FetchRequest;
import io.tributary.wire.api.fetch.FetchResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FollowerFetchSessionTest {

    private static final TopicId ID = new TopicId(1, 2);

    private static Map<TopicPartition, FollowerFetchSession.Sent> wanted(long... offsets) {
        Map<TopicPartition, FollowerFetchSession.Sent> m = new LinkedHashMap<>();
        for (int i = 0; i < offsets.length; i++) {
            if (offsets[i] >= 0) {
                m.put(new TopicPartition("t", i), new FollowerFetchSession.Sent(ID, "t",
                        new FetchRequest.Partition(i, 3, offsets[i], 3, 0, 1 << 20)));
            }
        }
        return m;
    }

    private static FetchResponse answer(ErrorCode error, int sessionId) {
        return new FetchResponse(0, error, sessionId, List.of(), List.of());
    }

    private static int partitionsIn(FollowerFetchSession.Request r) {
        return r.topics().stream().mapToInt(t -> t.partitions().size()).sum();
    }

    @Test
    void theFirstFetchIsFullAndAsksForASession() {
        FollowerFetchSession s = new FollowerFetchSession();
        FollowerFetchSession.Request r = s.build(wanted(10, 20, 30));
        assertThat(r.sessionId()).isZero();
        assertThat(r.sessionEpoch()).isZero();
        assertThat(partitionsIn(r)).isEqualTo(3);
        assertThat(r.forgotten()).isEmpty();
    }

    @Test
    void incrementalFetchesCarryOnlyChangedPartitionsAndForgetRemovedOnes() {
        FollowerFetchSession s = new FollowerFetchSession();
        s.build(wanted(10, 20, 30));
        s.onResponse(answer(ErrorCode.NONE, 77));
        FollowerFetchSession.Request same = s.build(wanted(10, 20, 30));
        assertThat(same.sessionId()).isEqualTo(77);
        assertThat(same.sessionEpoch()).isEqualTo(1);
        assertThat(partitionsIn(same)).isZero();
        s.onResponse(answer(ErrorCode.NONE, 77));
        FollowerFetchSession.Request moved = s.build(wanted(10, 25, -1));
        assertThat(moved.sessionEpoch()).isEqualTo(2);
        assertThat(moved.topics()).singleElement().satisfies(t ->
                assertThat(t.partitions()).singleElement().satisfies(p -> assertThat(p.fetchOffset()).isEqualTo(25)));
        assertThat(moved.forgotten()).singleElement().satisfies(f -> assertThat(f.partitions()).containsExactly(2));
    }

    @Test
    void aSessionErrorOrAFailureGoesBackToAFullFetch() {
        FollowerFetchSession s = new FollowerFetchSession();
        s.build(wanted(10, 20));
        s.onResponse(answer(ErrorCode.NONE, 5));
        s.build(wanted(10, 20));
        s.onResponse(answer(ErrorCode.INVALID_FETCH_SESSION_EPOCH, 0));
        FollowerFetchSession.Request afterError = s.build(wanted(10, 20));
        assertThat(afterError.sessionId()).isZero();
        assertThat(afterError.sessionEpoch()).isZero();
        assertThat(partitionsIn(afterError)).isEqualTo(2);
        s.onResponse(answer(ErrorCode.NONE, 6));
        s.build(wanted(10, 20));
        s.reset();
        assertThat(partitionsIn(s.build(wanted(10, 20)))).isEqualTo(2);
    }

    @Test
    void aLeaderWithoutSessionsGetsFullFetchesEveryTime() {
        FollowerFetchSession s = new FollowerFetchSession();
        for (int i = 0; i < 3; i++) {
            FollowerFetchSession.Request r = s.build(wanted(10, 20));
            assertThat(r.sessionId()).isZero();
            assertThat(r.sessionEpoch()).isZero();
            assertThat(partitionsIn(r)).isEqualTo(2);
            s.onResponse(answer(ErrorCode.NONE, 0));
        }
    }
}
