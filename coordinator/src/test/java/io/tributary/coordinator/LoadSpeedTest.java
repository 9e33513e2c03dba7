package io.tributary.coordinator;

import io.tributary.common.TopicPartition;
import io.tributary.coordinator.record.CoordinatorRecordCodec;
import io.tributary.coordinator.record.OffsetCommitRecord;
import io.tributary.coordinator.record.OffsetCommitValue;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.ByteBuffer;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How long a new leader takes to load 1 GiB of offset commits: each record's key and value bytes go
 * through a {@link ShardLoader}, flushed every {@code offsets.load.buffer.size} bytes, as the
 * broker's load does. The figures (wall and the
 * loading thread's CPU time) are printed, not asserted (a loaded CI machine must not fail it); what is asserted is that the load is right.
 *
 * <p>The log is 1000 groups x 100 partitions committed over and over (a pool of encoded records
 * replayed in a cycle, so the test does not hold a gigabyte). A chunk holds fewer records than
 * there are keys, so the loader finds nothing to skip: this is its worst case, every record parsed. A record counts for its key and
 * value plus {@link #RECORD_OVERHEAD_BYTES} of Kafka record framing and its share of the batch
 * header, for batches of 10 records. By default it loads 64 MiB, so that every build checks the
 * load without spending seconds of CPU on it; {@code -Dcoordinator.loadBytes=1073741824} takes the
 * 1 GiB figure (docs/design/coordinator.md).
 */
class LoadSpeedTest {

    /** Kafka's per-record varint framing (~10 bytes) plus a 61-byte batch header shared by 10 records. */
    private static final int RECORD_OVERHEAD_BYTES = 10 + 61 / 10;
    private static final int GROUPS = 1000;
    private static final int PARTITIONS = 100;
    /** The broker's offsets.load.buffer.size: what one flush of the loader covers. */
    private static final int CHUNK_BYTES = 5 << 20;

    @Test
    void loadingAGibibyteOfOffsetCommits() {
        long targetBytes = Long.getLong("coordinator.loadBytes", 64L << 20);
        int pool = GROUPS * PARTITIONS;
        byte[][] keys = new byte[pool][];
        byte[][] values = new byte[pool][];
        SplittableRandom random = new SplittableRandom(5);
        for (int i = 0; i < pool; i++) {
            OffsetCommitRecord r = new OffsetCommitRecord("consumer-group-" + (i / PARTITIONS),
                    new TopicPartition("orders-topic", i % PARTITIONS),
                    new OffsetCommitValue(random.nextLong(1L << 40), 7, "", 1_765_000_000_000L, -1));
            keys[i] = CoordinatorRecordCodec.key(r);
            values[i] = CoordinatorRecordCodec.value(r);
        }
        GroupCoordinatorShard shard = new GroupCoordinatorShard(GroupCoordinatorConfig.defaults(), new SplittableRandom(1));
        long bytes = 0;
        long offset = 0;
        // CPU time too: on a shared machine the wall time mostly measures the neighbours.
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long startCpuNs = threads.getCurrentThreadCpuTime();
        long startNs = System.nanoTime();
        ShardLoader loader = new ShardLoader(shard);
        long chunkBytes = 0;
        while (bytes < targetBytes) {
            int i = (int) (offset % pool);
            loader.add(offset++, ByteBuffer.wrap(keys[i]), ByteBuffer.wrap(values[i]));
            int recordBytes = keys[i].length + values[i].length + RECORD_OVERHEAD_BYTES;
            bytes += recordBytes;
            chunkBytes += recordBytes;
            if (chunkBytes >= CHUNK_BYTES) {
                loader.flush();
                chunkBytes = 0;
            }
        }
        loader.flush();
        shard.activate(offset, 0);
        long elapsedNs = System.nanoTime() - startNs;
        double cpuSeconds = (threads.getCurrentThreadCpuTime() - startCpuNs) / 1e9;
        double seconds = elapsedNs / 1e9;
        System.out.printf("Loaded %d MiB of offset commits (%d records, %d bytes each, %d replaced ones skipped) in %.2f s wall,"
                        + " %.2f s CPU: %.0f records/s, %.0f MiB/s of CPU time%n", bytes >> 20, offset, bytes / offset,
                loader.replaced(), seconds, cpuSeconds, offset / cpuSeconds, (bytes >> 20) / cpuSeconds);
        assertThat(shard.offsetCount()).isEqualTo(pool);
        assertThat(shard.groupCount()).isEqualTo(GROUPS);
        assertThat(shard.logEndOffset()).isEqualTo(offset);
    }
}
