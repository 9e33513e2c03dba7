package io.tributary.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.common.TopicPartition;
import io.tributary.common.records.BatchBuilder;
import io.tributary.common.records.BatchHeader;
import io.tributary.common.records.BatchScan;
import io.tributary.common.records.CheckedBatches;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PartitionLogBasicsTest {

    static final TopicPartition TP = new TopicPartition("orders", 3);

    @TempDir
    Path root;
    Path dir;
    ManualTime time;
    ManualScheduler scheduler;
    PartitionLog log;

    @BeforeEach
    void setUp() {
        dir = root.resolve(TP.dirName());
        time = new ManualTime(1_000_000L);
        scheduler = new ManualScheduler(time);
    }

    @AfterEach
    void tearDown() {
        if (log != null) {
            log.close();
        }
    }

    PartitionLog open(LogConfig config) {
        log = PartitionLog.open(dir, TP, config, time, scheduler);
        return log;
    }

    @Test
    void emptyLogStartsAtZeroWithKafkaNamedFiles() {
        open(LogConfig.DEFAULT);
        assertThat(log.logStartOffset()).isZero();
        assertThat(log.logEndOffset()).isZero();
        assertThat(dir.resolve("00000000000000000000.log")).exists();
        assertThat(dir.resolve("00000000000000000000.index")).exists();
        assertThat(dir.resolve("00000000000000000000.timeindex")).exists();
        assertThat(dir.resolve("clean-shutdown")).doesNotExist();
        LogReadResult r = log.read(0, 1000, Long.MAX_VALUE, true);
        assertThat(r.isEmpty()).isTrue();
        assertThat(r.nextOffset()).isZero();
    }

    @Test
    void appendAsLeaderAssignsOffsetsStampsEpochAndReadsBack() {
        open(LogConfig.DEFAULT);
        AppendInfo a = log.appendAsLeader(TestBatches.batch(3, 10, 500L), 4);
        AppendInfo b = log.appendAsLeader(TestBatches.concat(TestBatches.batch(2, 10, 700L), TestBatches.batch(1, 5, 600L)), 4);
        assertThat(a.firstOffset()).isZero();
        assertThat(a.lastOffset()).isEqualTo(2);
        assertThat(a.maxTimestamp()).isEqualTo(500L);
        assertThat(a.logAppendTimeMs()).isEqualTo(-1L);
        assertThat(b.firstOffset()).isEqualTo(3);
        assertThat(b.lastOffset()).isEqualTo(5);
        assertThat(b.batchCount()).isEqualTo(2);
        assertThat(b.recordCount()).isEqualTo(3);
        assertThat(b.maxTimestamp()).isEqualTo(700L);
        assertThat(b.offsetOfMaxTimestamp()).isEqualTo(3);
        assertThat(log.logEndOffset()).isEqualTo(6);

        ByteBuffer all = TestBatches.readAll(log, 0);
        assertThat(BatchScan.scan(all.duplicate(), Integer.MAX_VALUE, true)).isInstanceOf(CheckedBatches.class);
        List<ByteBuffer> batches = TestBatches.split(all);
        assertThat(batches).hasSize(3);
        assertThat(batches).allSatisfy(x -> assertThat(BatchHeader.partitionLeaderEpoch(x, 0)).isEqualTo(4));
        assertThat(BatchBuilder.readAll(all)).extracting(BatchBuilder.Record::offset).containsExactly(0L, 1L, 2L, 3L, 4L, 5L);
        assertThat(log.leaderEpochs().entries()).containsExactly(new EpochEntry(4, 0));
    }

    @Test
    void reopenAfterCleanCloseKeepsEverything() {
        open(LogConfig.DEFAULT.withSegmentBytes(400));
        for (int i = 0; i < 20; i++) {
            log.appendAsLeader(TestBatches.batch(2, 40, 100L + i), i < 10 ? 1 : 2);
        }
        ByteBuffer before = TestBatches.readAll(log, 0);
        int segments = log.segmentCount();
        log.close();
        assertThat(dir.resolve("clean-shutdown")).exists();
        open(LogConfig.DEFAULT.withSegmentBytes(400));
        assertThat(dir.resolve("clean-shutdown")).doesNotExist();
        assertThat(log.logEndOffset()).isEqualTo(40);
        assertThat(log.segmentCount()).isEqualTo(segments);
        assertThat(TestBatches.readAll(log, 0)).isEqualTo(before);
        assertThat(log.leaderEpochs().entries()).containsExactly(new EpochEntry(1, 0), new EpochEntry(2, 20));
        assertThat(log.maxTimestampAndOffset()).hasValueSatisfying(t -> {
            assertThat(t.timestamp()).isEqualTo(119L);
            assertThat(t.offset()).isEqualTo(38L);
        });
        log.appendAsLeader(TestBatches.batch(1, 1, 5L), 2);
        assertThat(log.logEndOffset()).isEqualTo(41);
    }

    @Test
    void readOutsideTheLogIsOffsetOutOfRange() {
        open(LogConfig.DEFAULT);
        log.appendAsLeader(TestBatches.batch(3, 1, 1L), 0);
        assertThatThrownBy(() -> log.read(4, 100, Long.MAX_VALUE, true)).isInstanceOf(OffsetOutOfRangeException.class)
                .hasMessageContaining("offset 4");
        assertThatThrownBy(() -> log.read(-1, 100, Long.MAX_VALUE, true)).isInstanceOf(OffsetOutOfRangeException.class);
    }
}
