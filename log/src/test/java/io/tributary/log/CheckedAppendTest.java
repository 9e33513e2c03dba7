package io.tributary.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.common.records.BatchHeader;
import io.tributary.common.records.BatchScan;
import io.tributary.common.records.CheckedBatches;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

/** Appends of batches checked once by {@link BatchScan}: the log trusts what the check carried. */
class CheckedAppendTest extends LogTestSupport {

    static CheckedBatches checked(ByteBuffer bytes, boolean verifyCrc) {
        return (CheckedBatches) BatchScan.scan(bytes, Integer.MAX_VALUE, verifyCrc);
    }

    @Test
    void offsetsTimestampsAndIndexesComeFromTheCheckedValue() {
        open(LogConfig.DEFAULT.withIndexIntervalBytes(1));
        log.appendAsLeader(TestBatches.batch(2, 10, 5L), 0);
        ByteBuffer bytes = TestBatches.concat(TestBatches.batch(3, 10, 7L), TestBatches.batch(1, 10, 9L), TestBatches.batch(2, 10, 8L));

        AppendInfo info = log.appendAsLeader(checked(bytes, true), 1);

        assertThat(info.firstOffset()).isEqualTo(2);
        assertThat(info.lastOffset()).isEqualTo(7);
        assertThat(info.maxTimestamp()).isEqualTo(9L);
        assertThat(info.offsetOfMaxTimestamp()).as("the base offset of the batch holding it").isEqualTo(5);
        assertThat(info.batchCount()).isEqualTo(3);
        assertThat(info.recordCount()).isEqualTo(6);
        assertThat(BatchHeader.baseOffset(bytes, 0)).as("stamped in place").isEqualTo(2);
        assertThat(BatchHeader.partitionLeaderEpoch(bytes, 0)).isEqualTo(1);
        ByteBuffer stored = TestBatches.readAll(log, 2);
        assertThat(stored).isEqualTo(bytes.duplicate().rewind());
        assertThat(BatchScan.scan(stored, Integer.MAX_VALUE, true)).isInstanceOf(CheckedBatches.class);
        log.verifyIndexes();
        assertThat(log.offsetForTimestamp(9L).orElseThrow().offset()).isEqualTo(5);
    }

    @Test
    void underLogAppendTimeEveryBatchCarriesTheAppendTimeWithACrcToMatch() {
        open(LogConfig.DEFAULT.withMessageTimestampType(LogConfig.TimestampType.LOG_APPEND_TIME));
        ByteBuffer bytes = TestBatches.concat(TestBatches.batch(1, 10, 7L), TestBatches.batch(2, 10, 9L));

        AppendInfo info = log.appendAsLeader(checked(bytes, true), 0);

        assertThat(info.logAppendTimeMs()).isEqualTo(time.milliseconds());
        assertThat(info.maxTimestamp()).isEqualTo(time.milliseconds());
        assertThat(info.offsetOfMaxTimestamp()).isZero();
        CheckedBatches stored = checked(TestBatches.readAll(log, 0), true);
        assertThat(stored.batches()).allSatisfy(b -> {
            assertThat(b.isLogAppendTime()).isTrue();
            assertThat(b.maxTimestamp()).isEqualTo(time.milliseconds());
        });
    }

    @Test
    void aReadOnlyViewIsCopiedAndLeftAsItWas() {
        open(LogConfig.DEFAULT);
        ByteBuffer bytes = TestBatches.batch(2, 10, 7L);
        BatchHeader.setBaseOffset(bytes, 0, 77L);

        log.appendAsLeader(checked(bytes.asReadOnlyBuffer(), true), 0);

        assertThat(BatchHeader.baseOffset(bytes, 0)).isEqualTo(77L);
        assertThat(BatchHeader.baseOffset(TestBatches.readAll(log, 0), 0)).isZero();
    }

    @Test
    void aValueCheckedAgainstALargerLimitThanTheTopicsNowIsRefused() {
        open(LogConfig.DEFAULT);
        CheckedBatches batches = checked(TestBatches.batch(1, 300, 1L), true);
        log.updateConfig(LogConfig.DEFAULT.withMaxMessageBytes(200));

        assertThatThrownBy(() -> log.appendAsLeader(batches, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("max.message.bytes 200");
        assertThat(log.logEndOffset()).isZero();
        assertThat(log.sizeInBytes()).isZero();
    }

    @Test
    void aFollowerNeedsItsCrcsVerified() {
        open(LogConfig.DEFAULT);
        ByteBuffer fetched = FollowerAppendTest.leaderBatch(0, 2, 3);

        assertThatThrownBy(() -> log.appendAsFollower(checked(fetched.duplicate(), false)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("CRC");
        AppendInfo info = log.appendAsFollower(checked(fetched.duplicate(), true));

        assertThat(info.firstOffset()).isZero();
        assertThat(info.lastOffset()).isEqualTo(2);
        assertThat(log.leaderEpochs().latestEpoch()).isEqualTo(2);
        assertThat(TestBatches.readAll(log, 0)).isEqualTo(fetched);
    }
}
