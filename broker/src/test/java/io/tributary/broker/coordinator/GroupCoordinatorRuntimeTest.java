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
import io.tributary.coordinator.record.CoordinatorRecord;
import io.tributary.coordinator.record.OffsetCommitRecord;
import io.tributary.coordinator.record.OffsetCommitValue;
import io.tributary.replication.partition.IsrProposal;
import java.nio.file.Path;
import java.util.ArrayList;
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
        start(commitTimeoutMs, 64);
    }

    private void start(int commitTimeoutMs, int loadBufferBytes) throws Exception {
        start(commitTimeoutMs, loadBufferBytes, GroupCoordinatorRuntime.REQUESTS_PER_SHARD_MAX);
    }

    private void start(int commitTimeoutMs, int loadBufferBytes, int requestsPerShardMax) throws Exception {
        AtomicReference<HostedPartitions> ref = new AtomicReference<>();
        GroupSettings settings = new GroupSettings(GroupCoordinatorConfig.defaults().withInitialRebalanceDelayMs(0), commitTimeoutMs,
                loadBufferBytes);
        runtime = new GroupCoordinatorRuntime(1, settings, Time.SYSTEM, () -> ref.get().metadata().image(), requestsPerShardMax);
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
        awaitHosted();
        CompletableFuture<CoordinatorResponse> pending = commitAsync("g", 7);
        await(() -> hosted.partition(OFFSETS).logEndOffset() == 1);
        assertThat(pending).isNotDone();

        hosted.moveLeaderAway(OFFSETS);
        OffsetCommitResponse r = (OffsetCommitResponse) pending.get(10, TimeUnit.SECONDS);
        assertThat(r.partitions()).extracting(PartitionResult::error).containsExactly(ErrorCode.NOT_COORDINATOR);
        assertThat(fetchAsync("g").get(10, TimeUnit.SECONDS)).isEqualTo(new OffsetFetchResponse(ErrorCode.NOT_COORDINATOR, List.of()));
        assertThat(runtime.hostedPartitions()).isEmpty();
    }

    /**
     * A figure, printed, not asserted: a new leader loading an offsets partition of 500,000 commits
     * (1000 groups x 500 partitions, written as 500 batches), read in 5 MiB steps. The shard's own
     * parse-and-replay speed is measured in the coordinator module (LoadSpeedTest); this adds the
     * log reads and the broker's batch walk.
     */
    @Test
    void aNewLeaderLoadsALargeOffsetsPartitionAndServesItsCommits() throws Exception {
        start(5_000, 5 * 1024 * 1024);
        hosted.createTopic(OFFSETS, List.of(1));
        awaitHosted();
        Partition p = hosted.partition(OFFSETS);
        long nowMs = System.currentTimeMillis();
        for (int g = 0; g < 1000; g++) {
            List<CoordinatorRecord> batch = new ArrayList<>(500);
            for (int t = 0; t < 500; t++) {
                batch.add(new OffsetCommitRecord("group-" + g, new TopicPartition("topic", t),
                        new OffsetCommitValue(g * 1000L + t, 0, "", nowMs, OffsetCommitValue.NO_EXPIRE_TIMESTAMP)));
            }
            assertThat(p.appendAsLeader(CoordinatorBatches.build(batch, nowMs), (short) -1, nowMs).ok()).isTrue();
        }
        long bytes = p.log().sizeInBytes();
        long startNs = System.nanoTime();
        hosted.reelect(OFFSETS);
        OffsetFetchResponse loaded = awaitLoaded("group-999");
        long ms = (System.nanoTime() - startNs) / 1_000_000;
        System.out.printf("Offsets partition load: %d records, %d MiB, loaded and serving in %d ms%n", 500_000, bytes >> 20, ms);
        assertThat(((OffsetFetchResponse) runtime.handle("group-999", new OffsetFetchRequest("group-999",
                List.of(new TopicPartition("topic", 499)), false)).get(30, TimeUnit.SECONDS)).partitions())
                .singleElement().satisfies(o -> assertThat(o.offset()).isEqualTo(999_499L));
        assertThat(loaded.error()).isEqualTo(ErrorCode.NONE);
    }

    @Test
    void aShardHoldingItsMostRequestsAnswersNewOnesCoordinatorNotAvailableUntilSomeAreAnswered() throws Exception {
        start(60_000, 64, 3);
        hosted.createTopic(OFFSETS, List.of(1, 2));
        awaitHosted();
        // Three commits wait for a high watermark that does not move (node 2 never fetches): the shard is full.
        List<CompletableFuture<CoordinatorResponse>> held = List.of(commitAsync("g", 1), commitAsync("g", 2), commitAsync("g", 3));
        await(() -> hosted.partition(OFFSETS).logEndOffset() == 3);
        OffsetCommitResponse refused = (OffsetCommitResponse) commitAsync("g", 4).get(10, TimeUnit.SECONDS);
        assertThat(refused.partitions()).extracting(PartitionResult::error).containsExactly(ErrorCode.COORDINATOR_NOT_AVAILABLE);
        assertThat(held).noneMatch(CompletableFuture::isDone);

        hosted.moveLeaderAway(OFFSETS);
        for (CompletableFuture<CoordinatorResponse> f : held) {
            assertThat(((OffsetCommitResponse) f.get(10, TimeUnit.SECONDS)).partitions()).extracting(PartitionResult::error)
                    .containsExactly(ErrorCode.NOT_COORDINATOR);
        }
    }

    private PartitionResult commit(String group, long offset) throws Exception {
        awaitHosted();
        OffsetCommitResponse r = (OffsetCommitResponse) commitAsync(group, offset).get(30, TimeUnit.SECONDS);
        assertThat(r.partitions()).hasSize(1);
        return r.partitions().get(0);
    }

    private CompletableFuture<CoordinatorResponse> commitAsync(String group, long offset) {
        return runtime.handle(group, new OffsetCommitRequest(group, -1, "", null, OffsetCommitRequest.DEFAULT_RETENTION,
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
