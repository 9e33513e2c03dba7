package io.tributary.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.common.records.BatchBuilder;
import io.tributary.common.records.BatchHeader;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

class FollowerAppendTest extends LogTestSupport {

    static ByteBuffer leaderBatch(long base, int epoch, int records) {
        BatchBuilder b = new BatchBuilder().baseOffset(base).partitionLeaderEpoch(epoch);
        for (int i = 0; i < records; i++) {
            b.append(100L + i, null, new byte[] {(byte) i});
        }
        return b.build();
    }

    @Test
    void keepsTheLeadersOffsetsAndEpochsByteForByte() {
        open(LogConfig.DEFAULT);
        ByteBuffer fetched = TestBatches.concat(leaderBatch(0, 1, 2), leaderBatch(2, 1, 3), leaderBatch(5, 4, 1));
        AppendInfo a = log.appendAsFollower(fetched.duplicate());
        assertThat(a.firstOffset()).isZero();
        assertThat(a.lastOffset()).isEqualTo(5);
        assertThat(log.logEndOffset()).isEqualTo(6);
        assertThat(TestBatches.readAll(log, 0)).isEqualTo(fetched);
        assertThat(log.leaderEpochs().entries()).containsExactly(new EpochEntry(1, 0), new EpochEntry(4, 5));
    }

    @Test
    void refusesOverlapsOlderEpochsAndBadCrcsWithoutWritingAnything() {
        open(LogConfig.DEFAULT);
        log.appendAsFollower(leaderBatch(0, 3, 2));
        assertThatThrownBy(() -> log.appendAsFollower(leaderBatch(1, 3, 1)))
                .isInstanceOfSatisfying(UnexpectedAppendOffsetException.class, e -> {
                    assertThat(e.expectedOffset()).isEqualTo(2);
                    assertThat(e.actualOffset()).isEqualTo(1);
                });
        assertThatThrownBy(() -> log.appendAsFollower(TestBatches.concat(leaderBatch(2, 3, 2), leaderBatch(3, 3, 1))))
                .isInstanceOf(UnexpectedAppendOffsetException.class);
        assertThatThrownBy(() -> log.appendAsFollower(leaderBatch(2, 2, 1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("older than 3");
        ByteBuffer corrupt = leaderBatch(2, 3, 1);
        corrupt.put(corrupt.limit() - 1, (byte) 0x7f);
        assertThatThrownBy(() -> log.appendAsFollower(corrupt)).hasMessageContaining("CRC");
        assertThatThrownBy(() -> log.appendAsFollower(ByteBuffer.allocate(0))).hasMessageContaining("no batches");
        assertThat(log.logEndOffset()).isEqualTo(2);
        assertThat(log.sizeInBytes()).isEqualTo(leaderBatch(0, 3, 2).remaining());
    }

    @Test
    void acceptsTheGapsAndThinnedBatchesOfACompactedLeader() {
        open(LogConfig.DEFAULT);
        log.appendAsFollower(leaderBatch(0, 3, 2));
        // The leader's cleaner removed offsets 2..4 whole and one record of the batch at 5..6.
        ByteBuffer thinned = new BatchBuilder().baseOffset(5).partitionLeaderEpoch(3).append(1L, "k".getBytes(), "v".getBytes()).build();
        thinned.putInt(BatchHeader.LAST_OFFSET_DELTA, 1);
        thinned.putInt(BatchHeader.CRC, (int) BatchHeader.computeCrc(thinned, 0));
        AppendInfo a = log.appendAsFollower(TestBatches.concat(thinned, leaderBatch(9, 3, 1)));
        assertThat(a.firstOffset()).isEqualTo(5);
        assertThat(a.lastOffset()).isEqualTo(9);
        assertThat(log.logEndOffset()).isEqualTo(10);
        assertThat(BatchBuilder.readAll(TestBatches.readAll(log, 2))).extracting(BatchBuilder.Record::offset).containsExactly(5L, 9L);
        assertThat(log.read(3, 10_000, 10, false).nextOffset()).as("a read in the gap starts at the next batch").isEqualTo(10);
        log.verifyIndexes();
        assertThatThrownBy(() -> log.appendAsLeader(TestBatches.batch(2, 1, 1L).putInt(BatchHeader.LAST_OFFSET_DELTA, 3), 3))
                .as("a producer's batch must hold its whole offset span").hasMessageContaining("record count");
        reopen(LogConfig.DEFAULT);
        assertThat(log.logEndOffset()).isEqualTo(10);
        assertThat(BatchBuilder.readAll(TestBatches.readAll(log, 0))).hasSize(4);
    }

    @Test
    void leaderRefusesMalformedAndOversizedBatches() {
        open(LogConfig.DEFAULT.withMaxMessageBytes(200));
        assertThatThrownBy(() -> log.appendAsLeader(TestBatches.batch(1, 300, 1L), 0)).hasMessageContaining("max.message.bytes");
        ByteBuffer torn = TestBatches.batch(1, 10, 1L);
        torn.limit(torn.limit() - 1);
        assertThatThrownBy(() -> log.appendAsLeader(torn, 0)).hasMessageContaining("batch length");
        ByteBuffer badCount = TestBatches.batch(2, 10, 1L);
        badCount.putInt(57, 5);
        assertThatThrownBy(() -> log.appendAsLeader(badCount, 0)).hasMessageContaining("record count");
        assertThat(log.logEndOffset()).isZero();
    }
}
