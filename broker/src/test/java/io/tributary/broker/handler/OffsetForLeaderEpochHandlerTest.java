package io.tributary.broker.handler;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.common.ErrorCode;
import io.tributary.wire.api.offsetforleaderepoch.OffsetForLeaderEpochRequest;
import io.tributary.wire.api.offsetforleaderepoch.OffsetForLeaderEpochResponse;
import io.tributary.wire.api.offsetforleaderepoch.OffsetForLeaderEpochResponse.EpochEndOffset;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** OffsetForLeaderEpoch against a partition whose log holds epochs 0 (offsets 0-2) and 2 (offsets 3-4). */
class OffsetForLeaderEpochHandlerTest {

    @TempDir
    Path dir;
    HostedPartitions hosted;
    OffsetForLeaderEpochHandler handler;

    @BeforeEach
    void setUp() throws Exception {
        hosted = new HostedPartitions(dir);
        handler = new OffsetForLeaderEpochHandler(hosted.metadata(), hosted.replicas());
        hosted.createTopic("t", List.of(HostedPartitions.LOCAL));
        hosted.append("t", 1, 2, 3);
        hosted.reelect("t");
        hosted.append("t", 4, 5);
        assertThat(hosted.leaderEpoch("t")).isEqualTo(2);
    }

    @AfterEach
    void tearDown() {
        hosted.close();
    }

    private EpochEndOffset ask(String topic, int currentLeaderEpoch, int leaderEpoch, int replicaId) {
        OffsetForLeaderEpochResponse r = handler.handle(null, new OffsetForLeaderEpochRequest(replicaId, List.of(
                new OffsetForLeaderEpochRequest.Topic(topic, List.of(new OffsetForLeaderEpochRequest.Partition(0, currentLeaderEpoch,
                        leaderEpoch)))))).join();
        return r.topics().get(0).partitions().get(0);
    }

    private EpochEndOffset ask(int currentLeaderEpoch, int leaderEpoch) {
        return ask("t", currentLeaderEpoch, leaderEpoch, OffsetForLeaderEpochRequest.CONSUMER_REPLICA_ID);
    }

    @Test
    void eachEpochEndsWhereTheNextStartsAndTheLatestAtTheLogEnd() {
        assertThat(ask(2, 0)).isEqualTo(new EpochEndOffset(ErrorCode.NONE, 0, 0, 3L));
        assertThat(ask(2, 1)).as("epoch 1 wrote nothing here: the largest epoch below it answers")
                .isEqualTo(new EpochEndOffset(ErrorCode.NONE, 0, 0, 3L));
        assertThat(ask(2, 2)).isEqualTo(new EpochEndOffset(ErrorCode.NONE, 0, 2, 5L));
        assertThat(ask(-1, 3)).as("newer than any epoch: undefined").isEqualTo(new EpochEndOffset(ErrorCode.NONE, 0, -1, -1L));
        assertThat(ask(-1, -1)).isEqualTo(new EpochEndOffset(ErrorCode.NONE, 0, -1, -1L));
    }

    @Test
    void theCurrentEpochIsKnownBeforeAnythingIsWrittenInIt() {
        hosted.reelect("t");
        assertThat(ask(4, 4)).as("the new leader's epoch starts at its log end").isEqualTo(new EpochEndOffset(ErrorCode.NONE, 0, 4, 5L));
        assertThat(ask(4, 3)).isEqualTo(new EpochEndOffset(ErrorCode.NONE, 0, 2, 5L));
        assertThat(ask(4, 2)).isEqualTo(new EpochEndOffset(ErrorCode.NONE, 0, 2, 5L));
        hosted.append("t", 6);
        assertThat(ask(4, 4)).isEqualTo(new EpochEndOffset(ErrorCode.NONE, 0, 4, 6L));
        assertThat(ask(4, 2)).isEqualTo(new EpochEndOffset(ErrorCode.NONE, 0, 2, 5L));
    }

    @Test
    void theCurrentLeaderEpochIsChecked() {
        assertThat(ask(1, 0).error()).isEqualTo(ErrorCode.FENCED_LEADER_EPOCH);
        assertThat(ask(3, 0).error()).isEqualTo(ErrorCode.UNKNOWN_LEADER_EPOCH);
        assertThat(ask(-1, 0)).as("-1 skips the check").isEqualTo(new EpochEndOffset(ErrorCode.NONE, 0, 0, 3L));
    }

    @Test
    void followersAskTheLeaderToo() {
        assertThat(ask("t", 2, 0, HostedPartitions.OTHER)).isEqualTo(new EpochEndOffset(ErrorCode.NONE, 0, 0, 3L));
    }

    @Test
    void onlyTheLeaderAnswers() {
        hosted.moveLeaderAway("t");
        assertThat(ask(-1, 0).error()).isEqualTo(ErrorCode.NOT_LEADER_OR_FOLLOWER);
        assertThat(ask("t", -1, 0, HostedPartitions.OTHER).error()).isEqualTo(ErrorCode.NOT_LEADER_OR_FOLLOWER);
    }

    @Test
    void unknownTopicsAndPartitionsAreSaidSo() {
        assertThat(ask("nope", -1, 0, -1).error()).isEqualTo(ErrorCode.UNKNOWN_TOPIC_OR_PARTITION);
        OffsetForLeaderEpochResponse r = handler.handle(null, new OffsetForLeaderEpochRequest(-1, List.of(
                new OffsetForLeaderEpochRequest.Topic("t", List.of(new OffsetForLeaderEpochRequest.Partition(7, -1, 0)))))).join();
        assertThat(r.topics().get(0).partitions().get(0)).isEqualTo(EpochEndOffset.failed(7, ErrorCode.UNKNOWN_TOPIC_OR_PARTITION));
    }
}
