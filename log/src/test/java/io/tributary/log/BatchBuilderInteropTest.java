package io.tributary.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.common.records.BatchBuilder;
import io.tributary.common.records.BatchHeader;
import io.tributary.common.records.BatchScan;
import io.tributary.common.records.CheckedBatches;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.compress.Compression;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.common.record.internal.MemoryRecords;
import org.apache.kafka.common.record.internal.MemoryRecordsBuilder;
import org.apache.kafka.common.record.internal.MutableRecordBatch;
import org.apache.kafka.common.record.internal.Record;
import org.apache.kafka.common.record.internal.RecordBatch;
import org.junit.jupiter.api.Test;

/** Our batches and Kafka's agree: Kafka reads what {@link BatchBuilder} writes, and we read what Kafka writes. */
class BatchBuilderInteropTest {

    private static byte[] utf8(String s) {
        return s == null ? null : s.getBytes(StandardCharsets.UTF_8);
    }

    private static String str(ByteBuffer b) {
        return b == null ? null : StandardCharsets.UTF_8.decode(b.duplicate()).toString();
    }

    @Test
    void kafkaReadsOurBatchWithKeysValuesHeadersAndProducerState() {
        ByteBuffer batch = new BatchBuilder()
                .baseOffset(42)
                .partitionLeaderEpoch(7)
                .producer(1234L, (short) 3, 99)
                .append(1_000L, utf8("k0"), utf8("v0"))
                .append(999L, null, utf8("v1"), new BatchBuilder.Header("h", utf8("x")), new BatchBuilder.Header("n", null))
                .append(1_500L, utf8("k2"), null)
                .build();

        MemoryRecords records = MemoryRecords.readableRecords(batch.duplicate());
        List<MutableRecordBatch> batches = new ArrayList<>();
        records.batches().forEach(batches::add);
        assertThat(batches).hasSize(1);
        MutableRecordBatch kb = batches.get(0);
        kb.ensureValid();
        assertThat(kb.baseOffset()).isEqualTo(42);
        assertThat(kb.lastOffset()).isEqualTo(44);
        assertThat(kb.partitionLeaderEpoch()).isEqualTo(7);
        assertThat(kb.producerId()).isEqualTo(1234L);
        assertThat(kb.producerEpoch()).isEqualTo((short) 3);
        assertThat(kb.baseSequence()).isEqualTo(99);
        assertThat(kb.maxTimestamp()).isEqualTo(1_500L);
        assertThat(kb.timestampType()).isEqualTo(TimestampType.CREATE_TIME);
        assertThat(kb.countOrNull()).isEqualTo(3);

        List<Record> rs = new ArrayList<>();
        kb.forEach(rs::add);
        assertThat(rs).hasSize(3);
        assertThat(rs.get(0).offset()).isEqualTo(42);
        assertThat(str(rs.get(0).key())).isEqualTo("k0");
        assertThat(str(rs.get(0).value())).isEqualTo("v0");
        assertThat(rs.get(0).timestamp()).isEqualTo(1_000L);
        assertThat(rs.get(1).hasKey()).isFalse();
        assertThat(rs.get(1).timestamp()).isEqualTo(999L);
        Header[] headers = rs.get(1).headers();
        assertThat(headers).hasSize(2);
        assertThat(headers[0].key()).isEqualTo("h");
        assertThat(new String(headers[0].value(), StandardCharsets.UTF_8)).isEqualTo("x");
        assertThat(headers[1].key()).isEqualTo("n");
        assertThat(headers[1].value()).isNull();
        assertThat(rs.get(2).hasValue()).isFalse();
        assertThat(rs.get(2).offset()).isEqualTo(44);
        assertThat(BatchScan.scan(batch.duplicate(), Integer.MAX_VALUE, true)).isInstanceOf(CheckedBatches.class);
    }

    @Test
    void kafkaSeesLogAppendTimeTransactionalAndControlFlags() {
        ByteBuffer batch = new BatchBuilder().transactional(true).control(false).logAppendTime(5_000L)
                .producer(1, (short) 0, 0).append(10L, null, utf8("v")).build();
        MutableRecordBatch kb = MemoryRecords.readableRecords(batch).batches().iterator().next();
        kb.ensureValid();
        assertThat(kb.timestampType()).isEqualTo(TimestampType.LOG_APPEND_TIME);
        assertThat(kb.maxTimestamp()).isEqualTo(5_000L);
        assertThat(kb.isTransactional()).isTrue();
        assertThat(kb.isControlBatch()).isFalse();
        assertThat(kb.iterator().next().timestamp()).isEqualTo(5_000L);
    }

    @Test
    void weReadKafkasUncompressedBatchesRecordByRecord() {
        ByteBuffer buffer = ByteBuffer.allocate(4096);
        MemoryRecordsBuilder b = MemoryRecords.builder(buffer, RecordBatch.CURRENT_MAGIC_VALUE, Compression.NONE,
                TimestampType.CREATE_TIME, 100L, 0L, 77L, (short) 2, 5, false, RecordBatch.NO_PARTITION_LEADER_EPOCH);
        b.append(2_000L, utf8("a"), utf8("alpha"));
        b.append(1_000L, null, utf8("beta"), new Header[] {new RecordHeader("trace", utf8("t1"))});
        b.append(3_000L, utf8("c"), null);
        MemoryRecords kafka = b.build();
        ByteBuffer bytes = kafka.buffer().duplicate();

        assertThat(BatchScan.scan(bytes.duplicate(), Integer.MAX_VALUE, true)).isInstanceOf(CheckedBatches.class);
        assertThat(BatchHeader.baseOffset(bytes, 0)).isEqualTo(100L);
        assertThat(BatchHeader.producerId(bytes, 0)).isEqualTo(77L);
        assertThat(BatchHeader.baseSequence(bytes, 0)).isEqualTo(5);
        assertThat(BatchHeader.maxTimestamp(bytes, 0)).isEqualTo(3_000L);

        List<BatchBuilder.Record> ours = BatchBuilder.readAll(bytes.duplicate());
        assertThat(ours).extracting(BatchBuilder.Record::offset).containsExactly(100L, 101L, 102L);
        assertThat(ours).extracting(BatchBuilder.Record::timestamp).containsExactly(2_000L, 1_000L, 3_000L);
        assertThat(str(ours.get(0).key())).isEqualTo("a");
        assertThat(str(ours.get(0).value())).isEqualTo("alpha");
        assertThat(ours.get(1).key()).isNull();
        assertThat(ours.get(1).headers()).containsExactly(new BatchBuilder.Header("trace", utf8("t1")));
        assertThat(ours.get(2).value()).isNull();
    }

    @Test
    void sameRecordsGiveTheSameBytesAsKafka() {
        ByteBuffer buffer = ByteBuffer.allocate(4096);
        MemoryRecordsBuilder b = MemoryRecords.builder(buffer, RecordBatch.CURRENT_MAGIC_VALUE, Compression.NONE,
                TimestampType.CREATE_TIME, 0L, 0L, 9L, (short) 1, 0, false, 3);
        b.append(1_000L, utf8("key"), utf8("value"), new Header[] {new RecordHeader("h", utf8("hv"))});
        b.append(1_001L, null, new byte[300]);
        ByteBuffer theirs = b.build().buffer();

        ByteBuffer ours = new BatchBuilder().partitionLeaderEpoch(3).producer(9L, (short) 1, 0)
                .append(1_000L, utf8("key"), utf8("value"), new BatchBuilder.Header("h", utf8("hv")))
                .append(1_001L, null, new byte[300])
                .build();
        assertThat(ours).isEqualTo(theirs);
    }

    @Test
    void compressedBatchesAreRefusedByTheReaderNotMisread() {
        ByteBuffer buffer = ByteBuffer.allocate(4096);
        MemoryRecordsBuilder b = MemoryRecords.builder(buffer, Compression.gzip().build(), TimestampType.CREATE_TIME, 0L);
        b.append(1L, utf8("k"), utf8("v"));
        ByteBuffer gz = b.build().buffer();
        assertThatThrownBy(() -> BatchBuilder.readAll(gz)).isInstanceOf(UnsupportedOperationException.class)
                .hasMessageContaining("compressed");
    }

    @Test
    void writeToPacksSeveralBatchesIntoOneBuffer() {
        BatchBuilder builder = new BatchBuilder(16);
        ByteBuffer all = ByteBuffer.allocate(1 << 16);
        for (int i = 0; i < 10; i++) {
            builder.reset().baseOffset(i * 5L);
            for (int r = 0; r < 5; r++) {
                builder.append(i * 100L + r, utf8("k" + r), new byte[i * 37]);
            }
            builder.writeTo(all);
        }
        all.flip();
        int batches = 0;
        for (MutableRecordBatch kb : MemoryRecords.readableRecords(all.duplicate()).batches()) {
            kb.ensureValid();
            assertThat(kb.baseOffset()).isEqualTo(batches * 5L);
            batches++;
        }
        assertThat(batches).isEqualTo(10);
        assertThat(BatchBuilder.readAll(all)).hasSize(50);
    }
}
