package io.tributary.log;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.common.TopicPartition;
import io.tributary.common.records.BatchHeader;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Arrays;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.lifecycle.AfterProperty;
import net.jqwik.api.lifecycle.BeforeProperty;

/**
 * Damaged or arbitrary bytes handed to an append get a clear refusal and leave the log untouched;
 * sound ones are stored whole. One log serves all tries of a property (opening one per try costs
 * fsyncs the machine cannot spare), so each try compares the log with itself before the append.
 */
class AppendFuzzProperties {

    static final TopicPartition TP = new TopicPartition("fuzz", 0);
    Path dir;
    PartitionLog log;

    @BeforeProperty
    void openLog() {
        dir = TempDirs.create("fuzz");
        ManualTime time = new ManualTime(0);
        log = PartitionLog.open(dir, TP, LogConfig.DEFAULT.withSegmentBytes(20_000), time, new ManualScheduler(time));
        log.appendAsLeader(TestBatches.batch(2, 10, 1L), 0);
    }

    @AfterProperty
    void closeLog() {
        log.verifyIndexes();
        log.close();
        TempDirs.deleteRecursively(dir);
    }

    @Property(tries = 300)
    void damagedBatchesAreRefusedCleanlyOrStoredWhole(@ForAll @IntRange(min = 1, max = 3) int batches,
                                                      @ForAll @IntRange(min = 0, max = 5000) int where,
                                                      @ForAll byte with,
                                                      @ForAll @IntRange(min = 0, max = 400) int cutFromEnd,
                                                      @ForAll boolean asFollower) {
        long end = log.logEndOffset();
        long size = log.sizeInBytes();
        ByteBuffer[] parts = new ByteBuffer[batches];
        long base = end;
        for (int i = 0; i < batches; i++) {
            parts[i] = TestBatches.batch(1 + i, 20, 5L);
            BatchHeader.setBaseOffset(parts[i], 0, base);
            base += 1 + i;
        }
        byte[] bytes = TestBatches.concat(parts).array();
        bytes = Arrays.copyOf(bytes, Math.max(0, bytes.length - cutFromEnd % (bytes.length + 1)));
        if (bytes.length > 0) {
            bytes[where % bytes.length] = with;
        }
        try {
            AppendInfo info = asFollower ? log.appendAsFollower(ByteBuffer.wrap(bytes)) : log.appendAsLeader(ByteBuffer.wrap(bytes), 0);
            assertThat(info.firstOffset()).isEqualTo(end);
            assertThat(log.logEndOffset()).isEqualTo(info.lastOffset() + 1);
            assertThat(log.sizeInBytes()).isEqualTo(size + bytes.length);
        } catch (IllegalArgumentException refused) {
            assertThat(refused.getMessage()).contains("fuzz-0");
            assertThat(log.logEndOffset()).isEqualTo(end);
            assertThat(log.sizeInBytes()).isEqualTo(size);
        }
    }

    @Property(tries = 200)
    void arbitraryBytesNeverCrashAnAppend(@ForAll @Size(max = 200) byte[] bytes, @ForAll boolean asFollower) {
        long end = log.logEndOffset();
        long size = log.sizeInBytes();
        try {
            if (asFollower) {
                log.appendAsFollower(ByteBuffer.wrap(bytes));
            } else {
                log.appendAsLeader(ByteBuffer.wrap(bytes), 0);
            }
        } catch (IllegalArgumentException refused) {
            assertThat(log.logEndOffset()).isEqualTo(end);
            assertThat(log.sizeInBytes()).isEqualTo(size);
        }
    }
}
