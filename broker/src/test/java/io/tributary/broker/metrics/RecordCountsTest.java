package io.tributary.broker.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import org.apache.kafka.common.compress.Compression;
import org.apache.kafka.common.record.internal.MemoryRecords;
import org.apache.kafka.common.record.internal.SimpleRecord;
import org.junit.jupiter.api.Test;

class RecordCountsTest {

    private static ByteBuffer batch(long baseOffset, int records) {
        SimpleRecord[] r = new SimpleRecord[records];
        for (int i = 0; i < records; i++) {
            r[i] = new SimpleRecord(("v" + i).getBytes());
        }
        return MemoryRecords.withRecords(baseOffset, Compression.NONE, r).buffer();
    }

    @Test
    void countsTheRecordsOfEveryBatchAndLeavesTheBufferAsItWas() {
        ByteBuffer a = batch(0, 3);
        ByteBuffer b = batch(3, 5);
        ByteBuffer both = ByteBuffer.allocate(a.remaining() + b.remaining()).put(a).put(b).flip();
        assertThat(RecordCounts.count(both)).isEqualTo(8);
        assertThat(both.position()).isZero();
        assertThat(both.remaining()).isEqualTo(a.limit() + b.limit());
    }

    @Test
    void aTruncatedTailIsNotCounted() {
        ByteBuffer a = batch(0, 4);
        ByteBuffer cut = ByteBuffer.allocate(a.remaining() + 20).put(a).put(new byte[20]).flip();
        assertThat(RecordCounts.count(cut)).isEqualTo(4);
        assertThat(RecordCounts.count(ByteBuffer.allocate(0))).isZero();
    }
}
