package io.tributary.broker.coordinator;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.common.Time;
import io.tributary.common.TopicPartition;
import io.tributary.coordinator.GroupCoordinatorConfig;
import io.tributary.coordinator.GroupCoordinatorShard;
import io.tributary.coordinator.ShardOutput;
import io.tributary.coordinator.api.OffsetFetchRequest;
import io.tributary.coordinator.api.OffsetFetchResponse;
import io.tributary.coordinator.record.CoordinatorRecord;
import io.tributary.coordinator.record.OffsetCommitRecord;
import io.tributary.coordinator.record.OffsetCommitValue;
import io.tributary.log.LogConfig;
import io.tributary.log.PartitionLog;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How long the broker's load of an offsets partition takes, from a real log on disk through
 * {@link ShardLoad} into a shard: the shape of the groups bench's partition (8 groups committing 32
 * partitions at a time, 4,000 characters of metadata, one batch per commit), which is how
 * {@code bench/run groups --offsets-mib N} fills it. The figures (wall and the loading thread's CPU
 * time) are printed, not asserted; what is asserted is that the load is right. By default it writes
 * 32 MiB; {@code -Dcoordinator.brokerLoadBytes=1073741824} takes the 1 GiB figure (the segment files
 * are then in the page cache, as on a broker that followed the partition).
 */
class ShardLoadSpeedTest {

    private static final int GROUPS = 8;
    private static final int PARTITIONS = 32;
    private static final int METADATA_CHARS = 4_000;
    private static final int CHUNK_BYTES = 5 << 20;

    @TempDir
    Path dir;

    @Test
    void loadingTheBenchShapedPartition() {
        long targetBytes = Long.getLong("coordinator.brokerLoadBytes", 32L << 20);
        TopicPartition tp = new TopicPartition("__consumer_offsets", 0);
        PartitionLog log = PartitionLog.open(dir.resolve("__consumer_offsets-0"), tp, LogConfig.DEFAULT, Time.SYSTEM,
                (name, delayMs, task) -> { });
        String metadata = "m".repeat(METADATA_CHARS);
        try {
            SplittableRandom random = new SplittableRandom(3);
            long commits = 0;
            long[] lastOffset = new long[GROUPS * PARTITIONS];
            while (log.sizeInBytes() < targetBytes) {
                int group = (int) (commits % GROUPS);
                List<CoordinatorRecord> records = new ArrayList<>(PARTITIONS);
                for (int p = 0; p < PARTITIONS; p++) {
                    long offset = random.nextLong(1L << 40);
                    lastOffset[group * PARTITIONS + p] = offset;
                    records.add(new OffsetCommitRecord("bench-offsets-" + group, new TopicPartition("offsets-fill", p),
                            new OffsetCommitValue(offset, 7, metadata, 1_765_000_000_000L, -1)));
                }
                log.appendAsLeader(CoordinatorBatches.build(records, 1_765_000_000_000L), 0);
                commits++;
            }
            long bytes = log.sizeInBytes();

            ThreadMXBean threads = ManagementFactory.getThreadMXBean();
            LoadBuffer buffer = new LoadBuffer();
            GroupCoordinatorShard shard = null;
            int rounds = Integer.getInteger("coordinator.brokerLoadRounds", 1);
            for (int round = 0; round < rounds; round++) {
                shard = new GroupCoordinatorShard(GroupCoordinatorConfig.defaults(), new SplittableRandom(1));
                long startCpuNs = threads.getCurrentThreadCpuTime();
                long startNs = System.nanoTime();
                ShardLoad load = new ShardLoad(log, shard, buffer, CHUNK_BYTES, log.logStartOffset(), log.logEndOffset());
                while (load.hasMore()) {
                    load.step();
                }
                shard.activate(log.logEndOffset(), 0);
                double seconds = (System.nanoTime() - startNs) / 1e9;
                double cpuSeconds = (threads.getCurrentThreadCpuTime() - startCpuNs) / 1e9;
                System.out.printf("Broker load of %d MiB (%d records in %d batches, %d replaced ones skipped): %.3f s wall, %.3f s CPU,"
                                + " %.0f MiB/s of CPU time%n",
                        bytes >> 20, load.records(), commits, load.replaced(), seconds, cpuSeconds, (bytes >> 20) / cpuSeconds);
                assertThat(load.bytes()).isEqualTo(bytes);
            }
            assertThat(shard.groupCount()).isEqualTo(GROUPS);
            assertThat(shard.offsetCount()).isEqualTo(GROUPS * PARTITIONS);
            for (int g = 0; g < GROUPS; g++) {
                ShardOutput out = shard.handle(g, new OffsetFetchRequest("bench-offsets-" + g, null, false), 0);
                OffsetFetchResponse fetched = (OffsetFetchResponse) out.replies().get(0).response();
                assertThat(fetched.partitions()).hasSize(PARTITIONS);
                for (OffsetFetchResponse.FetchedOffset f : fetched.partitions()) {
                    assertThat(f.offset()).isEqualTo(lastOffset[g * PARTITIONS + f.partition().partition()]);
                    assertThat(f.metadata()).isEqualTo(metadata);
                }
            }
        } finally {
            log.close();
        }
    }
}
