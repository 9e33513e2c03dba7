package io.tributary.broker.coordinator;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.broker.config.GroupSettings;
import io.tributary.broker.handler.HostedPartitions;
import io.tributary.broker.handler.InternalTopics;
import io.tributary.broker.partition.Partition;
import io.tributary.broker.partition.PartitionEvents;
import io.tributary.common.ErrorCode;
import io.tributary.common.Time;
import io.tributary.common.TopicPartition;
import io.tributary.coordinator.GroupCoordinatorConfig;
import io.tributary.coordinator.api.CoordinatorResponse;
import io.tributary.coordinator.api.OffsetCommitRequest;
import io.tributary.coordinator.api.OffsetCommitResponse;
import io.tributary.coordinator.api.OffsetFetchRequest;
import io.tributary.coordinator.api.OffsetFetchResponse;
import io.tributary.coordinator.api.PartitionResult;
import io.tributary.replication.partition.IsrProposal;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The runtime on node 1's real partitions with no network: node 2 is in the metadata only and
 * never fetches, so an offsets partition whose ISR holds node 2 keeps its high watermark, which lets
 * a test hold a commit between its append and its acknowledgement.
 */
class GroupCoordinatorRuntimeTest {

    private static final String OFFSETS = InternalTopics.CONSUMER_OFFSETS;
    private static final TopicPartition T0 = new TopicPartition("t", 0);

    @TempDir
    Path dir;

    private GroupCoordinatorRuntime runtime;
    private HostedPartitions hosted;

    private void start(int commitTimeoutMs) throws Exception {
        AtomicReference<HostedPartitions> ref = new AtomicReference<>();
        GroupSettings settings = new GroupSettings(GroupCoordinatorConfig.defaults().withInitialRebalanceDelayMs(0), commitTimeoutMs, 64);
        runtime = new GroupCoordinatorRuntime(1, settings, Time.SYSTEM, () -> ref.get().metadata().image());
        hosted = new HostedPartitions(dir, new PartitionEvents() {
            @Override
            public void logEndMoved(TopicPartition tp) {
            }

            @Override
            public void highWatermarkMoved(TopicPartition tp) {
                runtime.highWatermarkMoved(tp);
            }

            @Override
            public void isrProposed(Partition partition, IsrProposal proposal) {
            }
        }, runtime);
        ref.set(hosted);
    }

    @AfterEach
    void stop() {
        if (runtime != null) {
            runtime.close();
        }
        if (hosted != null) {
            hosted.close();
        }
    }

    @Test
    void aCommitIsAcknowledgedOnceReplicatedAndReadBackAfterANewTermReloadsThePartition() throws Exception {
        start(5_000);
        hosted.createTopic(OFFSETS, List.of(1));
        assertThat(commit("g", 42).error()).isEqualTo(ErrorCode.NONE);
        assertThat(fetch("g").partitions()).singleElement().satisfies(o -> assertThat(o.offset()).isEqualTo(42));

        hosted.reelect(OFFSETS);
        // The new term's shard loads the partition from the log; until then it answers that it is loading.
        OffsetFetchResponse after = awaitLoaded("g");
        assertThat(after.partitions()).singleElement().satisfies(o -> assertThat(o.offset()).isEqualTo(42));
    }

    @Test
    void aCommitNotReplicatedWithinTheCommitTimeoutIsAnsweredCoordinatorNotAvailable() throws Exception {
        start(300);
        hosted.createTopic(OFFSETS, List.of(1, 2));
        assertThat(commit("g", 7).error()).isEqualTo(ErrorCode.COORDINATOR_NOT_AVAILABLE);
        assertThat(hosted.partition(OFFSETS).logEndOffset()).as("the record was written, only not acknowledged").isEqualTo(1);
    }

    @Test
    void repliesWaitingForTheHighWatermarkAreAnsweredNotCoordinatorWhenLeadershipMoves() throws Exception {
        start(60_000);
        hosted.createTopic(OFFSETS, List.of(1, 2));
        CompletableFuture<CoordinatorResponse> pending = commitAsync("g", 7);
        await(() -> hosted.partition(OFFSETS).logEndOffset() == 1);
        assertThat(pending).isNotDone();

        hosted.moveLeaderAway(OFFSETS);
        OffsetCommitResponse r = (OffsetCommitResponse) pending.get(10, TimeUnit.SECONDS);
        assertThat(r.partitions()).extracting(PartitionResult::error).containsExactly(ErrorCode.NOT_COORDINATOR);
        assertThat(fetchAsync("g").get(10, TimeUnit.SECONDS)).isEqualTo(new OffsetFetchResponse(ErrorCode.NOT_COORDINATOR, List.of()));
        assertThat(runtime.hostedPartitions()).isEmpty();
    }

    private PartitionResult commit(String group, long offset) throws Exception {
        OffsetCommitResponse r = (OffsetCommitResponse) commitAsync(group, offset).get(30, TimeUnit.SECONDS);
        assertThat(r.partitions()).hasSize(1);
        return r.partitions().get(0);
    }

    private CompletableFuture<CoordinatorResponse> commitAsync(String group, long offset) {
        return awaitHosted().handle(group, new OffsetCommitRequest(group, -1, "", null, OffsetCommitRequest.DEFAULT_RETENTION,
                List.of(new OffsetCommitRequest.PartitionCommit(T0, offset, -1, ""))));
    }

    private OffsetFetchResponse fetch(String group) throws Exception {
        return (OffsetFetchResponse) fetchAsync(group).get(30, TimeUnit.SECONDS);
    }

    private CompletableFuture<CoordinatorResponse> fetchAsync(String group) {
        return runtime.handle(group, new OffsetFetchRequest(group, List.of(T0), false));
    }

    private OffsetFetchResponse awaitLoaded(String group) throws Exception {
        AtomicReference<OffsetFetchResponse> last = new AtomicReference<>();
        await(() -> {
            last.set(fetch(group));
            return last.get().error() == ErrorCode.NONE;
        });
        return last.get();
    }

    /** Waits until the shard has loaded (a fetch is answered NONE), so the first command of a test meets an active shard. */
    private GroupCoordinatorRuntime awaitHosted() {
        try {
            awaitLoaded("warm-up");
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        return runtime;
    }

    private static void await(java.util.concurrent.Callable<Boolean> condition) {
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30)).pollInterval(java.time.Duration.ofMillis(20))
                .until(condition);
    }
}
