package io.tributary.broker.handler;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.common.ErrorCode;
import io.tributary.wire.api.IsolationLevel;
import io.tributary.wire.api.listoffsets.ListOffsetsRequest;
import io.tributary.wire.api.listoffsets.ListOffsetsResponse;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ListOffsets and leader epochs (KIP-320): fencing, the epoch of each offset found, and a new leader's lagging high watermark. */
class ListOffsetsHandlerTest {

    private static final int CONSUMER = -1;

    @TempDir
    Path dir;
    HostedPartitions hosted;
    ListOffsetsHandler handler;

    @BeforeEach
    void setUp() throws Exception {
        hosted = new HostedPartitions(dir);
        handler = new ListOffsetsHandler(hosted.metadata(), hosted.replicas());
    }

    @AfterEach
    void tearDown() {
        hosted.close();
    }

    private ListOffsetsResponse.Partition ask(String topic, int replicaId, int currentLeaderEpoch, long timestamp) {
        ListOffsetsResponse r = handler.handle(null, new ListOffsetsRequest(replicaId, IsolationLevel.READ_UNCOMMITTED, List.of(
                new ListOffsetsRequest.Topic(topic, List.of(new ListOffsetsRequest.Partition(0, currentLeaderEpoch, timestamp)))), 0))
                .join();
        return r.topics().get(0).partitions().get(0);
    }

    /** Offsets 0-2 written in epoch 0 (timestamps 100-300), offsets 3-4 in epoch 2 (timestamps 400-500); node 1 leads epoch 2. */
    private void twoEpochs() {
        hosted.createTopic("t", List.of(HostedPartitions.LOCAL));
        hosted.append("t", 100, 200, 300);
        hosted.reelect("t");
        hosted.append("t", 400, 500);
    }

    @Test
    void everyOffsetFoundComesWithTheEpochItWasWrittenIn() {
        twoEpochs();
        assertThat(ask("t", CONSUMER, 2, ListOffsetsRequest.EARLIEST_TIMESTAMP))
                .isEqualTo(new ListOffsetsResponse.Partition(0, ErrorCode.NONE, -1L, 0L, 0));
        assertThat(ask("t", CONSUMER, 2, 250)).isEqualTo(new ListOffsetsResponse.Partition(0, ErrorCode.NONE, 300L, 2L, 0));
        assertThat(ask("t", CONSUMER, 2, 350)).isEqualTo(new ListOffsetsResponse.Partition(0, ErrorCode.NONE, 400L, 3L, 2));
        assertThat(ask("t", CONSUMER, 2, ListOffsetsRequest.MAX_TIMESTAMP))
                .isEqualTo(new ListOffsetsResponse.Partition(0, ErrorCode.NONE, 500L, 4L, 2));
        assertThat(ask("t", CONSUMER, 2, ListOffsetsRequest.LATEST_TIMESTAMP))
                .isEqualTo(new ListOffsetsResponse.Partition(0, ErrorCode.NONE, -1L, 5L, 2));
    }

    @Test
    void theCurrentLeaderEpochIsChecked() {
        twoEpochs();
        assertThat(ask("t", CONSUMER, 1, ListOffsetsRequest.LATEST_TIMESTAMP).error()).isEqualTo(ErrorCode.FENCED_LEADER_EPOCH);
        assertThat(ask("t", CONSUMER, 3, ListOffsetsRequest.LATEST_TIMESTAMP).error()).isEqualTo(ErrorCode.UNKNOWN_LEADER_EPOCH);
        assertThat(ask("t", CONSUMER, -1, ListOffsetsRequest.LATEST_TIMESTAMP).offset()).as("-1 skips the check").isEqualTo(5L);
        hosted.moveLeaderAway("t");
        assertThat(ask("t", CONSUMER, -1, ListOffsetsRequest.LATEST_TIMESTAMP).error()).isEqualTo(ErrorCode.NOT_LEADER_OR_FOLLOWER);
    }

    @Test
    void aNewLeaderWhoseHighWatermarkLagsTheStartOfItsEpochAnswersOffsetNotAvailable() {
        // Node 2 is in the ISR but never fetches: the high watermark stays at 0 while the log grows to 3.
        hosted.createTopic("lag", List.of(HostedPartitions.LOCAL, HostedPartitions.OTHER));
        hosted.append("lag", 100, 200, 300);
        assertThat(ask("lag", CONSUMER, -1, ListOffsetsRequest.LATEST_TIMESTAMP))
                .as("same epoch: the high watermark is simply low")
                .isEqualTo(new ListOffsetsResponse.Partition(0, ErrorCode.NONE, -1L, 0L, 0));
        hosted.reelect("lag");
        assertThat(hosted.partition("lag").highWatermark()).isZero();
        assertThat(hosted.partition("lag").leaderEpochStartOffset()).isEqualTo(3L);

        assertThat(ask("lag", CONSUMER, -1, ListOffsetsRequest.LATEST_TIMESTAMP).error()).isEqualTo(ErrorCode.OFFSET_NOT_AVAILABLE);
        assertThat(ask("lag", CONSUMER, -1, ListOffsetsRequest.MAX_TIMESTAMP).error()).isEqualTo(ErrorCode.OFFSET_NOT_AVAILABLE);
        assertThat(ask("lag", CONSUMER, -1, 150).error()).as("the answer (offset 1) is above the high watermark")
                .isEqualTo(ErrorCode.OFFSET_NOT_AVAILABLE);
        assertThat(ask("lag", CONSUMER, -1, 999)).as("nothing at or after it, whatever the high watermark")
                .isEqualTo(new ListOffsetsResponse.Partition(0, ErrorCode.NONE, -1L, -1L, -1));
        assertThat(ask("lag", CONSUMER, -1, ListOffsetsRequest.EARLIEST_TIMESTAMP))
                .isEqualTo(new ListOffsetsResponse.Partition(0, ErrorCode.NONE, -1L, 0L, 0));
        assertThat(ask("lag", HostedPartitions.OTHER, -1, ListOffsetsRequest.LATEST_TIMESTAMP))
                .as("a follower sees the log end").isEqualTo(new ListOffsetsResponse.Partition(0, ErrorCode.NONE, -1L, 3L, 2));
    }
}
