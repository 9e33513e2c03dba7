package io.tributary.common.records;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.common.ErrorCode;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

class BatchScanTest {

    private static ByteBuffer batch(int records) {
        BatchBuilder b = new BatchBuilder().producer(7L, (short) 2, 40);
        for (int i = 0; i < records; i++) {
            b.append(1_000L + i, null, new byte[] {(byte) i});
        }
        return b.build();
    }

    private static ByteBuffer concat(ByteBuffer... parts) {
        ByteBuffer out = ByteBuffer.allocate(java.util.Arrays.stream(parts).mapToInt(ByteBuffer::remaining).sum());
        for (ByteBuffer p : parts) {
            out.put(p.duplicate());
        }
        return out.flip();
    }

    private static BatchRefusal refused(ByteBuffer bytes, long batchBytesMax) {
        BatchScan.Result r = BatchScan.scan(bytes, batchBytesMax, true);
        assertThat(r).isInstanceOf(BatchRefusal.class);
        return (BatchRefusal) r;
    }

    private static CheckedBatches checked(ByteBuffer bytes) {
        BatchScan.Result r = BatchScan.scan(bytes, Integer.MAX_VALUE, true);
        assertThat(r).isInstanceOf(CheckedBatches.class);
        return (CheckedBatches) r;
    }

    @Test
    void carriesWhatEachBatchSaysAndWhereItIs() {
        ByteBuffer first = batch(3);
        ByteBuffer second = batch(2);
        CheckedBatches c = checked(concat(first, second));

        assertThat(c.batchCount()).isEqualTo(2);
        assertThat(c.recordCount()).isEqualTo(5);
        assertThat(c.sizeInBytes()).isEqualTo(first.remaining() + second.remaining());
        assertThat(c.largestBatchBytes()).isEqualTo(first.remaining());
        CheckedBatch b0 = c.batches().get(0);
        CheckedBatch b1 = c.batches().get(1);
        assertThat(b0.position()).isZero();
        assertThat(b1.position()).isEqualTo(first.remaining());
        assertThat(b0.offsetDelta()).isZero();
        assertThat(b1.offsetDelta()).isEqualTo(3);
        assertThat(b0.lastOffsetDelta()).isEqualTo(2);
        assertThat(b0.recordCount()).isEqualTo(3);
        assertThat(b0.producerId()).isEqualTo(7L);
        assertThat(b0.producerEpoch()).isEqualTo((short) 2);
        assertThat(b0.baseSequence()).isEqualTo(40);
        assertThat(b0.lastSequence()).isEqualTo(42);
        assertThat(b0.maxTimestamp()).isEqualTo(1_002L);
        // The second batch reaches only 1,001, so the first holds the maximum.
        assertThat(c.maxTimestamp()).isEqualTo(1_002L);
        assertThat(c.offsetDeltaOfMaxTimestamp()).isZero();
        assertThat(c.crcVerified()).isTrue();
        assertThat(c.leaderRefusal()).isEmpty();
    }

    @Test
    void theCheckedBytesAreAViewFromTheFirstBatch() {
        ByteBuffer frame = ByteBuffer.allocateDirect(100 + batch(1).remaining());
        frame.position(100);
        frame.put(batch(1)).flip().position(100);
        CheckedBatches c = checked(frame);

        assertThat(c.bytes().isDirect()).isTrue();
        assertThat(c.bytes().position()).isZero();
        c.bytes().putLong(BatchHeader.BASE_OFFSET, 99L);
        assertThat(frame.getLong(100)).as("writes land in the frame").isEqualTo(99L);
    }

    @Test
    void aReadOnlyViewIsCopiedOnlyWhenAsked() {
        CheckedBatches c = checked(batch(2).asReadOnlyBuffer());
        assertThat(c.isReadOnly()).isTrue();

        CheckedBatches copy = c.copiedToHeap();
        assertThat(copy.isReadOnly()).isFalse();
        assertThat(copy.bytes()).isEqualTo(c.bytes());
        assertThat(copy.batches()).isEqualTo(c.batches());
    }

    @Test
    void refusesWithTheErrorsAndWordsProducersHaveAlwaysSeen() {
        assertThat(refused(ByteBuffer.allocate(0), 1000)).isEqualTo(new BatchRefusal(BatchDefect.EMPTY, "empty record set"));

        ByteBuffer truncated = concat(batch(1), ByteBuffer.allocate(10));
        BatchRefusal r = refused(truncated, 1000);
        assertThat(r.error()).isEqualTo(ErrorCode.CORRUPT_MESSAGE);
        assertThat(r.reason()).isEqualTo("truncated batch header at byte " + batch(1).remaining());

        ByteBuffer small = batch(1);
        small.putInt(BatchHeader.BATCH_LENGTH, 10);
        assertThat(refused(small, 1000).reason()).isEqualTo("batch length 10 is smaller than a header");

        int size = batch(1).remaining();
        r = refused(batch(1), size - 1);
        assertThat(r.error()).isEqualTo(ErrorCode.MESSAGE_TOO_LARGE);
        assertThat(r.reason()).isEqualTo("batch of " + size + " bytes exceeds " + (size - 1));

        ByteBuffer overrun = batch(1);
        overrun.limit(overrun.limit() - 1);
        assertThat(refused(overrun, 1000).reason()).isEqualTo("batch of " + size + " bytes overruns the record set");

        ByteBuffer magic = batch(1);
        magic.put(BatchHeader.MAGIC, (byte) 1);
        r = refused(magic, 1000);
        assertThat(r.error()).isEqualTo(ErrorCode.UNSUPPORTED_FOR_MESSAGE_FORMAT);
        assertThat(r.reason()).isEqualTo("magic 1 is not supported; only 2 is");

        ByteBuffer count = batch(2);
        count.putInt(BatchHeader.RECORD_COUNT, 5);
        r = refused(count, 1000);
        assertThat(r.error()).isEqualTo(ErrorCode.INVALID_RECORD);
        assertThat(r.reason()).isEqualTo("record count 5 does not match last offset delta 1");

        ByteBuffer crc = concat(batch(1), batch(1));
        crc.put(crc.limit() - 1, (byte) (crc.get(crc.limit() - 1) ^ 1));
        r = refused(crc, 1000);
        assertThat(r.error()).isEqualTo(ErrorCode.CORRUPT_MESSAGE);
        assertThat(r.reason()).isEqualTo("CRC mismatch in batch at byte " + size);
    }

    @Test
    void crcIsCheckedOnlyWhenAsked() {
        ByteBuffer crc = batch(1);
        crc.put(crc.limit() - 1, (byte) (crc.get(crc.limit() - 1) ^ 1));
        assertThat(BatchScan.scan(crc, 1000, false)).isInstanceOfSatisfying(CheckedBatches.class,
                c -> assertThat(c.crcVerified()).isFalse());
    }

    @Test
    void aCompactedScanTakesThinnedAndEmptyBatchesThatAProducerMayNotSend() {
        ByteBuffer thinned = batch(2);
        thinned.putInt(BatchHeader.LAST_OFFSET_DELTA, 5);
        thinned.putInt(BatchHeader.CRC, (int) BatchHeader.computeCrc(thinned, 0));
        assertThat(refused(thinned, 1000).defect()).as("from a producer").isEqualTo(BatchDefect.COUNT_MISMATCH);
        BatchScan.Result r = BatchScan.scan(thinned, 1000, true, true);
        assertThat(r).isInstanceOf(CheckedBatches.class);
        assertThat(((CheckedBatches) r).recordCount()).as("the offsets the batch spans").isEqualTo(6);
        ByteBuffer tooMany = batch(2);
        tooMany.putInt(BatchHeader.RECORD_COUNT, 3);
        tooMany.putInt(BatchHeader.CRC, (int) BatchHeader.computeCrc(tooMany, 0));
        assertThat(BatchScan.scan(tooMany, 1000, true, true)).isInstanceOf(BatchRefusal.class);
    }

    @Test
    void theLeadersPolicyIsNotedButAMalformedBatchAfterItWins() {
        ByteBuffer txn = new BatchBuilder().producer(1L, (short) 0, 0).transactional(true).append(1L, null, new byte[1]).build();
        CheckedBatches c = checked(concat(batch(1), txn));
        assertThat(c.leaderRefusal()).contains(new BatchRefusal(BatchDefect.UNSUPPORTED_BATCH_TYPE,
                "transactional and control batches are not supported"));

        ByteBuffer codec = batch(1);
        codec.putShort(BatchHeader.ATTRIBUTES, (short) 6);
        codec.putInt(BatchHeader.CRC, (int) BatchHeader.computeCrc(codec, 0));
        BatchRefusal refusal = checked(codec).leaderRefusal().orElseThrow();
        assertThat(refusal.error()).isEqualTo(ErrorCode.CORRUPT_MESSAGE);
        assertThat(refusal.reason()).isEqualTo("unknown compression codec 6");

        ByteBuffer broken = batch(1);
        broken.putInt(BatchHeader.RECORD_COUNT, 9);
        assertThat(refused(concat(txn, broken), 1000).defect()).isEqualTo(BatchDefect.COUNT_MISMATCH);
    }

    @Test
    void moreRecordsThanAnIntCanCountAreRefused() {
        ByteBuffer huge = batch(1);
        huge.putInt(BatchHeader.LAST_OFFSET_DELTA, Integer.MAX_VALUE - 1);
        huge.putInt(BatchHeader.RECORD_COUNT, Integer.MAX_VALUE);
        huge.putInt(BatchHeader.CRC, (int) BatchHeader.computeCrc(huge, 0));
        assertThat(checked(huge.duplicate()).recordCount()).isEqualTo(Integer.MAX_VALUE);

        BatchRefusal r = refused(concat(huge, batch(1)), 1000);
        assertThat(r.defect()).isEqualTo(BatchDefect.TOO_MANY_RECORDS);
        assertThat(r.error()).isEqualTo(ErrorCode.INVALID_RECORD);
    }

    @Test
    void fileBytesAreNamedByPosition() {
        ByteBuffer b = batch(1);
        int size = b.remaining();
        assertThat(BatchScan.checkHeader(b, 0, 500, size, Long.MAX_VALUE, BatchScan.Source.FILE)).isNull();
        assertThat(BatchScan.checkHeader(b, 0, 500, size - 1, Long.MAX_VALUE, BatchScan.Source.FILE).reason())
                .isEqualTo("batch of " + size + " bytes at position 500 runs past the end (" + (500 + size - 1) + ")");
        assertThat(BatchScan.checkHeader(b, 0, 500, 60, Long.MAX_VALUE, BatchScan.Source.FILE).reason())
                .isEqualTo("torn batch header at position 500");
        assertThat(BatchScan.crcMismatch(500, BatchScan.Source.FILE).reason()).isEqualTo("CRC mismatch in batch at position 500");
    }

    @Test
    void aRefusalDescribesItselfForALog() {
        assertThat(new BatchRefusal(BatchDefect.EMPTY, "empty record set").describe("t-0"))
                .isEqualTo("append to t-0 refused (no batches): empty record set");
    }
}
