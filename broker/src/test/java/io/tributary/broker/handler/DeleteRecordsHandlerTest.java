package io.tributary.broker.handler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tributary.broker.handler.admin.DeleteRecordsHandler;
import io.tributary.broker.partition.FollowerFetch;
import io.tributary.broker.partition.Partition;
import io.tributary.broker.partition.PartitionEvents;
import io.tributary.broker.partition.ReplicaManager;
import io.tributary.broker.purgatory.Purgatory;
import io.tributary.common.ErrorCode;
import io.tributary.common.TopicPartition;
import io.tributary.log.CompactionConfig;
import io.tributary.log.LogConfig;
import io.tributary.replication.partition.IsrProposal;
import io.tributary.wire.api.deleterecords.DeleteRecordsRequest;
import io.tributary.wire.api.deleterecords.DeleteRecordsResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * DeleteRecords on node 1 as leader: the log start moves at once, the answer waits for the ISR's
 * log starts (the low watermark), and each of Kafka's refusals is given where Kafka gives it.
 */
class DeleteRecordsHandlerTest {

    private static final int TIMEOUT_MS = 30_000;

    @TempDir
    Path dir;
    ScheduledExecutorService timer;
    Purgatory<TopicPartition> purgatory;
    HostedPartitions hosted;
    DeleteRecordsHandler handler;

    @BeforeEach
    void setUp() throws Exception {
        timer = Executors.newSingleThreadScheduledExecutor();
        purgatory = new Purgatory<>("delete-records", 100, timer);
        PartitionEvents events = new PartitionEvents() {
            @Override
            public void logEndMoved(TopicPartition tp) {
            }

            @Override
            public void highWatermarkMoved(TopicPartition tp) {
                purgatory.checkAndComplete(tp);
            }

            @Override
            public void lowWatermarkMoved(TopicPartition tp) {
                purgatory.checkAndComplete(tp);
            }

            @Override
            public void isrProposed(Partition partition, IsrProposal proposal) {
            }
        };
        hosted = new HostedPartitions(dir, events, new ReplicaManager.RoleListener() {
            @Override
            public void roleChanged(Partition p) {
            }

            @Override
            public void removed(Partition p) {
            }
        });
        handler = new DeleteRecordsHandler(hosted.metadata(), hosted.replicas(), purgatory);
    }

    @AfterEach
    void tearDown() {
        hosted.close();
        timer.shutdownNow();
    }

    private CompletableFuture<DeleteRecordsResponse> delete(String topic, long offset, int timeoutMs) {
        return handler.handle(null, new DeleteRecordsRequest(List.of(new DeleteRecordsRequest.Topic(topic,
                List.of(new DeleteRecordsRequest.Partition(0, offset)))), timeoutMs));
    }

    private static DeleteRecordsResponse.Partition only(CompletableFuture<DeleteRecordsResponse> f) {
        return f.join().topics().get(0).partitions().get(0);
    }

    /** Five records in five batches on a topic whose ISR is node 1 alone: the high watermark is 5. */
    private Partition fiveRecordsLedAlone() {
        hosted.createTopic("t", List.of(HostedPartitions.LOCAL));
        for (int i = 0; i < 5; i++) {
            hosted.append("t", 100 + i);
        }
        Partition p = hosted.partition("t");
        assertThat(p.highWatermark()).isEqualTo(5);
        return p;
    }

    @Test
    void aLeaderAloneInItsIsrMovesItsLogStartAndAnswersAtOnce() {
        Partition p = fiveRecordsLedAlone();

        DeleteRecordsResponse.Partition r = only(delete("t", 3, TIMEOUT_MS));

        assertThat(r.error()).isEqualTo(ErrorCode.NONE);
        assertThat(r.lowWatermark()).isEqualTo(3);
        assertThat(p.logStartOffset()).isEqualTo(3);
    }

    @Test
    void minusOneMeansTheHighWatermark() {
        Partition p = fiveRecordsLedAlone();

        DeleteRecordsResponse.Partition r = only(delete("t", DeleteRecordsRequest.HIGH_WATERMARK, TIMEOUT_MS));

        assertThat(r.lowWatermark()).isEqualTo(5);
        assertThat(p.logStartOffset()).isEqualTo(5);
    }

    @Test
    void anOffsetAboveTheHighWatermarkIsOutOfRangeAndMovesNothing() {
        Partition p = fiveRecordsLedAlone();

        assertThat(only(delete("t", 6, TIMEOUT_MS)).error()).isEqualTo(ErrorCode.OFFSET_OUT_OF_RANGE);
        assertThat(only(delete("t", -2, TIMEOUT_MS)).error()).isEqualTo(ErrorCode.OFFSET_OUT_OF_RANGE);
        assertThat(p.logStartOffset()).isZero();
    }

    @Test
    void theAnswerWaitsUntilEveryIsrFollowerReportsTheNewLogStart() {
        hosted.createTopic("t", List.of(HostedPartitions.LOCAL, HostedPartitions.OTHER));
        Partition p = hosted.partition("t");
        for (int i = 0; i < 4; i++) {
            hosted.append("t", 100 + i);
        }
        assertThat(p.onFollowerFetch(HostedPartitions.OTHER, -1, 4, 0)).isTrue();
        p.onFollowerLogStart(HostedPartitions.OTHER, 0);
        assertThat(p.highWatermark()).isEqualTo(4);

        CompletableFuture<DeleteRecordsResponse> f = delete("t", 2, TIMEOUT_MS);

        assertThat(p.logStartOffset()).as("the leader moves at once").isEqualTo(2);
        assertThat(f).as("the follower still holds offsets 0-1").isNotDone();
        p.onFollowerLogStart(HostedPartitions.OTHER, 1);
        assertThat(f).isNotDone();
        p.onFollowerLogStart(HostedPartitions.OTHER, 2);
        assertThat(f).isDone();
        assertThat(only(f)).isEqualTo(new DeleteRecordsResponse.Partition(0, 2, ErrorCode.NONE));
    }

    @Test
    void aFollowerThatNeverCatchesUpTimesTheRequestOut() {
        hosted.createTopic("t", List.of(HostedPartitions.LOCAL, HostedPartitions.OTHER));
        Partition p = hosted.partition("t");
        hosted.append("t", 100);
        p.onFollowerFetch(HostedPartitions.OTHER, -1, 1, 0);

        CompletableFuture<DeleteRecordsResponse> f = delete("t", 1, 50);

        await().atMost(Duration.ofSeconds(10)).until(f::isDone);
        assertThat(only(f)).isEqualTo(DeleteRecordsResponse.Partition.failed(0, ErrorCode.REQUEST_TIMED_OUT));
        assertThat(purgatory.watched()).isZero();
    }

    @Test
    void losingTheLeadershipWhileWaitingAnswersNotLeader() {
        hosted.createTopic("t", List.of(HostedPartitions.LOCAL, HostedPartitions.OTHER));
        Partition p = hosted.partition("t");
        hosted.append("t", 100);
        p.onFollowerFetch(HostedPartitions.OTHER, -1, 1, 0);
        CompletableFuture<DeleteRecordsResponse> f = delete("t", 1, TIMEOUT_MS);
        assertThat(f).isNotDone();

        hosted.moveLeaderAway("t");

        assertThat(f).isDone();
        assertThat(only(f).error()).isEqualTo(ErrorCode.NOT_LEADER_OR_FOLLOWER);
        assertThat(only(delete("t", 1, TIMEOUT_MS)).error()).as("asked of a follower").isEqualTo(ErrorCode.NOT_LEADER_OR_FOLLOWER);
    }

    @Test
    void unknownInternalAndCompactedTopicsAreRefusedAsKafkaRefusesThem() {
        hosted.createTopic(InternalTopics.CONSUMER_OFFSETS, List.of(HostedPartitions.LOCAL));
        Partition compacted = fiveRecordsLedAlone();
        compacted.updateConfig(LogConfig.DEFAULT.withCompaction(CompactionConfig.compacted()), 1);

        assertThat(only(delete("nope", 0, TIMEOUT_MS)).error()).isEqualTo(ErrorCode.UNKNOWN_TOPIC_OR_PARTITION);
        assertThat(only(delete(InternalTopics.CONSUMER_OFFSETS, 0, TIMEOUT_MS)).error()).isEqualTo(ErrorCode.INVALID_TOPIC_EXCEPTION);
        assertThat(only(delete("t", 2, TIMEOUT_MS)).error()).isEqualTo(ErrorCode.POLICY_VIOLATION);
        assertThat(compacted.logStartOffset()).isZero();
    }

    @Test
    void aFollowerFollowsTheLeadersLogStartUpToItsOwnHighWatermarkAndNeverDown() {
        fiveRecordsLedAlone();
        hosted.moveLeaderAway("t");
        Partition p = hosted.partition("t");
        FollowerFetch fetch = p.followerFetchState().orElseThrow();
        assertThat(fetch.fetchOffset()).isEqualTo(5);

        p.onFetchResponse(fetch.leaderEpoch(), fetch.fetchOffset(), 5, 3, null, null);
        assertThat(p.logStartOffset()).isEqualTo(3);
        assertThat(p.followerFetchState().orElseThrow().logStartOffset()).as("reported in the next fetch").isEqualTo(3);

        p.onFetchResponse(fetch.leaderEpoch(), fetch.fetchOffset(), 5, 1, null, null);
        assertThat(p.logStartOffset()).as("never down").isEqualTo(3);

        p.onFetchResponse(fetch.leaderEpoch(), fetch.fetchOffset(), 5, 9, null, null);
        assertThat(p.logStartOffset()).as("never past its own high watermark").isEqualTo(5);
    }
}
