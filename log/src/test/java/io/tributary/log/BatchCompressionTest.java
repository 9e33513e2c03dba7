package io.tributary.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.common.records.BatchBuilder;
import io.tributary.common.records.BatchHeader;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Each codec both ways against Kafka's own: we open what Kafka's record builder compresses, and
 * Kafka's reader opens what we compress; plus the bound on decompressed size and corrupt payloads.
 */
class BatchCompressionTest {

    /** A Kafka batch of {@code n} records, some with null keys or values or headers, values up to {@code valueBytesMax}. */
    static ByteBuffer kafkaBatch(Compression c, int n, int valueBytesMax, long seed) {
        Random random = new Random(seed);
        MemoryRecordsBuilder b = MemoryRecords.builder(ByteBuffer.allocate(1 << 16), RecordBatch.CURRENT_MAGIC_VALUE, c,
                TimestampType.CREATE_TIME, 1000L, RecordBatch.NO_TIMESTAMP, 11L, (short) 4, 20, false, 3);
        for (int i = 0; i < n; i++) {
            byte[] key = i % 7 == 3 ? null : ("key-" + random.nextInt(50)).getBytes(StandardCharsets.UTF_8);
            byte[] value = i % 5 == 4 ? null : new byte[random.nextInt(valueBytesMax + 1)];
            if (value != null) {
                for (int j = 0; j < value.length; j++) {
                    value[j] = (byte) ('a' + random.nextInt(3));
                }
            }
            Header[] headers = i % 3 == 0 ? new Header[] {new RecordHeader("h" + i, ("hv" + i).getBytes(StandardCharsets.UTF_8))} : new Header[0];
            b.append(5_000L + random.nextInt(1000), key, value, headers);
        }
        return b.build().buffer();
    }

    static List<String> kafkaRecords(ByteBuffer batch) {
        List<String> out = new ArrayList<>();
        for (MutableRecordBatch kb : MemoryRecords.readableRecords(batch.duplicate()).batches()) {
            kb.ensureValid();
            for (Record r : kb) {
                out.add(r.offset() + "@" + r.timestamp() + ":" + (r.hasKey() ? StandardCharsets.UTF_8.decode(r.key()) : "null") + "="
                        + (r.hasValue() ? r.valueSize() + "b" + r.value().hashCode() : "null") + List.of(r.headers()));
            }
        }
        return out;
    }

    @ParameterizedTest
    @EnumSource(CompressedCompactionTest.Codec.class)
    void weOpenKafkasBatchesAndKafkaOpensOurs(CompressedCompactionTest.Codec codec) throws Exception {
        // 200 records of up to 2 KiB: more than one 64 KiB lz4 block, several snappy chunks.
        ByteBuffer theirs = kafkaBatch(codec.compression, 200, 2048, 1);
        int codecId = BatchHeader.compression(theirs, 0);
        assertThat(codecId).isEqualTo(codec.compression.type().id);

        ByteBuffer plain = BatchCompression.decompress(theirs, 0, BatchCompression.DECOMPRESSED_BYTES_MAX);
        assertThat(plain.remaining()).isGreaterThan(64 * 1024);
        // Our plain copy, made a proper uncompressed batch (CRC anew), reads as the same records.
        plain.putInt(BatchHeader.CRC, (int) BatchHeader.computeCrc(plain, 0));
        assertThat(kafkaRecords(plain)).isEqualTo(kafkaRecords(theirs));

        ByteBuffer ours = BatchCompression.compress(plain, codecId);
        assertThat(BatchHeader.compression(ours, 0)).isEqualTo(codecId);
        assertThat(ours.remaining()).as("it compresses").isLessThan(plain.remaining());
        assertThat(kafkaRecords(ours)).isEqualTo(kafkaRecords(theirs));
        MutableRecordBatch kb = MemoryRecords.readableRecords(ours.duplicate()).batches().iterator().next();
        assertThat(kb.baseOffset()).isEqualTo(1000L);
        assertThat(kb.producerId()).isEqualTo(11L);
        assertThat(kb.producerEpoch()).isEqualTo((short) 4);
        assertThat(kb.baseSequence()).isEqualTo(20);
        assertThat(kb.partitionLeaderEpoch()).isEqualTo(3);
        assertThat(kb.maxTimestamp()).isEqualTo(BatchHeader.maxTimestamp(theirs, 0));
    }

    @ParameterizedTest
    @EnumSource(CompressedCompactionTest.Codec.class)
    void aBatchInflatingPastTheBoundIsRefusedWithoutHoldingIt(CompressedCompactionTest.Codec codec) {
        MemoryRecordsBuilder b = MemoryRecords.builder(ByteBuffer.allocate(1 << 16), codec.compression, TimestampType.CREATE_TIME, 0L);
        for (int i = 0; i < 64; i++) {
            b.append(1L, ("k" + i).getBytes(StandardCharsets.UTF_8), new byte[64 * 1024]);
        }
        ByteBuffer bomb = b.build().buffer();
        assertThat(bomb.remaining()).as("4 MiB of zeros, compressed").isLessThan(256 * 1024);
        assertThatThrownBy(() -> BatchCompression.decompress(bomb, 0, 1024 * 1024))
                .isInstanceOfSatisfying(BatchCompression.UndecodableBatchException.class, e -> assertThat(e.tooLarge()).isTrue())
                .hasMessageContaining("more than");
    }

    @Test
    void aBatchOfMoreRecordsThanTheBoundIsRefused() {
        MemoryRecordsBuilder b = MemoryRecords.builder(ByteBuffer.allocate(1 << 20), Compression.zstd().build(), TimestampType.CREATE_TIME, 0L);
        for (int i = 0; i <= BatchCompression.RECORDS_MAX; i++) {
            b.append(1L, null, new byte[0]);
        }
        ByteBuffer many = b.build().buffer();
        assertThatThrownBy(() -> BatchCompression.decompress(many, 0, BatchCompression.DECOMPRESSED_BYTES_MAX))
                .isInstanceOfSatisfying(BatchCompression.UndecodableBatchException.class, e -> assertThat(e.tooLarge()).isTrue())
                .hasMessageContaining("records, more than");
    }

    @Test
    void theLz4FramesWeWriteAreTheOnesKafkaWrites() {
        byte[] content = "hello hello hello hello hello".getBytes(StandardCharsets.UTF_8);
        byte[] frame = Lz4Frame.compress(content, 0, content.length);
        // Magic, then FLG 0x60 (version 1, independent blocks) and BD 0x40 (64 KiB), as Kafka's producer writes.
        assertThat(frame[4]).isEqualTo((byte) 0x60);
        assertThat(frame[5]).isEqualTo((byte) 0x40);
        ByteBuffer theirs = kafkaBatch(Compression.lz4().build(), 3, 10, 2);
        assertThat(theirs.get(BatchHeader.SIZE + 4)).isEqualTo((byte) 0x60);
        assertThat(theirs.get(BatchHeader.SIZE + 5)).isEqualTo((byte) 0x40);
        assertThat(theirs.get(BatchHeader.SIZE + 6)).as("the same descriptor checksum").isEqualTo(frame[6]);
    }

    @Test
    void anUnknownCodecIsUndecodable() {
        ByteBuffer batch = new BatchBuilder().append(1L, "k".getBytes(), "v".getBytes()).build();
        batch.putShort(BatchHeader.ATTRIBUTES, (short) 5);
        assertThatThrownBy(() -> BatchCompression.decompress(batch, 0, 1 << 20))
                .isInstanceOf(BatchCompression.UndecodableBatchException.class).hasMessageContaining("codec 5");
    }
}
