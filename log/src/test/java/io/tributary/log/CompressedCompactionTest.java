package io.tributary.log;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.common.records.BatchHeader;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.compress.Compression;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.common.record.internal.CompressionType;
import org.apache.kafka.common.record.internal.MemoryRecords;
import org.apache.kafka.common.record.internal.MemoryRecordsBuilder;
import org.apache.kafka.common.record.internal.MutableRecordBatch;
import org.apache.kafka.common.record.internal.Record;
import org.apache.kafka.common.record.internal.RecordBatch;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The cleaner on batches compressed by Kafka's own record builder (the code the Java producer runs),
 * read back after cleaning by Kafka's own reader, which checks every CRC and decompresses with
 * Kafka's codecs: so what we recompress is what a Kafka consumer can read.
 */
class CompressedCompactionTest extends LogTestSupport {

    enum Codec {
        GZIP(Compression.gzip().build()), SNAPPY(Compression.snappy().build()), LZ4(Compression.lz4().build()),
        ZSTD(Compression.zstd().build());

        final Compression compression;

        Codec(Compression compression) {
            this.compression = compression;
        }
    }

    static ByteBuffer kafkaBatch(Compression c, long producerId, short epoch, int sequence, long ts, String... kv) {
        MemoryRecordsBuilder b = MemoryRecords.builder(ByteBuffer.allocate(1 << 20), RecordBatch.CURRENT_MAGIC_VALUE, c,
                TimestampType.CREATE_TIME, 0L, RecordBatch.NO_TIMESTAMP, producerId, epoch, sequence, false, 5);
        for (int i = 0; i < kv.length; i += 2) {
            // Timestamps a little in the past: a record from the future is too young to clean.
            b.append(ts - 10 + i, utf8(kv[i]), utf8(kv[i + 1]));
        }
        return b.build().buffer();
    }

    static ByteBuffer kafkaBatch(Compression c, long ts, String... kv) {
        return kafkaBatch(c, RecordBatch.NO_PRODUCER_ID, RecordBatch.NO_PRODUCER_EPOCH, RecordBatch.NO_SEQUENCE, ts, kv);
    }

    static byte[] utf8(String s) {
        return s == null ? null : s.getBytes(StandardCharsets.UTF_8);
    }

    /** Kafka's reading of the whole log: every batch's CRC checked, offset to "key=value". */
    Map<Long, String> kafkaContents() {
        Map<Long, String> out = new LinkedHashMap<>();
        for (MutableRecordBatch batch : kafkaBatches()) {
            for (Record r : batch) {
                String value = r.hasValue() ? StandardCharsets.UTF_8.decode(r.value()).toString() : "null";
                out.put(r.offset(), StandardCharsets.UTF_8.decode(r.key()).toString() + "=" + value);
            }
        }
        return out;
    }

    List<MutableRecordBatch> kafkaBatches() {
        List<MutableRecordBatch> out = new ArrayList<>();
        for (MutableRecordBatch batch : MemoryRecords.readableRecords(TestBatches.readAll(log, log.logStartOffset())).batches()) {
            batch.ensureValid();
            out.add(batch);
        }
        return out;
    }

    Optional<LogCleaner.Cleaned> cleanOnce() {
        LogCleaner c = new LogCleaner(CleanerConfig.DEFAULT.withDedupeBufferBytes(1024 * 1024),
                () -> List.of(new LogCleaner.Cleanable(log, () -> log.logEndOffset())), time);
        return c.cleanDirtiest(c.newCompactor());
    }

    @ParameterizedTest
    @EnumSource(Codec.class)
    void compressedBatchesLoseSupersededRecordsAndKeepTheirCodecAndHeader(Codec codec) {
        open(CompactionTest.compacted(400));
        long ts = time.milliseconds();
        // Uncompressed old values of a and b, then compressed batches that supersede them in part.
        log.appendAsLeader(CompactionTest.keyed(ts, "a", "a0", "b", "b0", "c", "c0"), 0);
        log.appendAsLeader(kafkaBatch(codec.compression, 7L, (short) 2, 0, ts, "a", "a1", "d", "d1", "b", "b1"), 0);
        log.appendAsLeader(kafkaBatch(codec.compression, 7L, (short) 2, 3, ts, "d", "d2", "e", "e2"), 0);
        for (int i = 0; i < 12; i++) {
            log.appendAsLeader(kafkaBatch(codec.compression, ts, "z", "z" + i, "a", i == 11 ? "a-last" : "a" + (i + 2)), 0);
        }
        Map<Long, String> before = kafkaContents();
        long sizeBefore = log.sizeInBytes();
        long activeBase = log.segments().get(log.segmentCount() - 1).baseOffset();

        Compactor.Result r = cleanOnce().orElseThrow().result();

        assertThat(r.recordsRemoved()).isPositive();
        assertThat(log.sizeInBytes()).isLessThan(sizeBefore);
        Map<Long, String> after = kafkaContents();
        assertThat(after).as("the compressed b1 removes the uncompressed b0, and d2 removes d1")
                .doesNotContainKeys(1L, 4L).containsEntry(5L, "b=b1").containsEntry(2L, "c=c0").containsEntry(6L, "d=d2")
                .containsEntry(7L, "e=e2");
        assertThat(after).as("a1 went: later values of a").doesNotContainKeys(0L, 3L);
        // The cleaner maps keys below the active segment only: the latest of each key there is what stays.
        Map<String, Long> latest = new LinkedHashMap<>();
        Map<String, Long> latestBelowActive = new LinkedHashMap<>();
        before.forEach((offset, kv) -> {
            latest.put(kv.substring(0, kv.indexOf('=')), offset);
            if (offset < activeBase) {
                latestBelowActive.put(kv.substring(0, kv.indexOf('=')), offset);
            }
        });
        for (Map.Entry<Long, String> e : after.entrySet()) {
            assertThat(e.getValue()).as("offset %d keeps its record", e.getKey()).isEqualTo(before.get(e.getKey()));
            String key = e.getValue().substring(0, e.getValue().indexOf('='));
            if (e.getKey() < activeBase) {
                assertThat(e.getKey()).as("only the latest of %s below the active segment", key).isEqualTo(latestBelowActive.get(key));
            }
        }
        latest.values().forEach(o -> assertThat(after).containsKey(o));
        for (MutableRecordBatch b : kafkaBatches()) {
            if (b.baseOffset() == 0) {
                assertThat(b.compressionType()).isEqualTo(CompressionType.NONE);
                continue;
            }
            if (b.countOrNull() != null && b.countOrNull() > 0) {
                assertThat(b.compressionType()).as("batch %d keeps its codec", b.baseOffset()).isEqualTo(codec.compression.type());
            }
            assertThat(b.partitionLeaderEpoch()).isZero();
        }
        MutableRecordBatch producerLast = kafkaBatches().stream().filter(b -> b.baseOffset() == 6).findFirst().orElseThrow();
        assertThat(producerLast.producerId()).isEqualTo(7L);
        assertThat(producerLast.producerEpoch()).isEqualTo((short) 2);
        assertThat(producerLast.baseSequence()).isEqualTo(3);
        assertThat(producerLast.lastOffset()).isEqualTo(7L);
        log.verifyIndexes();
        reopen(CompactionTest.compacted(400));
        assertThat(kafkaContents()).isEqualTo(after);
    }

    @ParameterizedTest
    @EnumSource(Codec.class)
    void anEmptiedLastBatchOfAProducerStaysAsAnEmptyHeader(Codec codec) {
        open(CompactionTest.compacted(300));
        long ts = time.milliseconds();
        log.appendAsLeader(kafkaBatch(codec.compression, 9L, (short) 1, 0, ts, "x", "1", "y", "1"), 0);
        log.appendAsLeader(kafkaBatch(codec.compression, 9L, (short) 1, 2, ts, "x", "2", "y", "2"), 0);
        log.appendAsLeader(kafkaBatch(codec.compression, ts, "x", "3", "y", "3"), 0);
        for (int i = 0; i < 10; i++) {
            log.appendAsLeader(kafkaBatch(codec.compression, ts, "z", "v" + i), 0);
        }
        cleanOnce().orElseThrow();
        List<MutableRecordBatch> batches = kafkaBatches();
        assertThat(batches.get(0).baseOffset()).as("the producer's first batch went: a gap").isEqualTo(2);
        assertThat(batches.get(0).countOrNull()).isZero();
        assertThat(batches.get(0).sizeInBytes()).isEqualTo(BatchHeader.SIZE);
        assertThat(batches.get(0).lastOffset()).isEqualTo(3);
        assertThat(batches.get(0).producerId()).isEqualTo(9L);
        assertThat(batches.get(0).baseSequence()).isEqualTo(2);
        assertThat(kafkaContents()).containsEntry(4L, "x=3").containsEntry(5L, "y=3");
    }

    @ParameterizedTest
    @EnumSource(Codec.class)
    void compressedTombstonesGetADeleteHorizonThenGo(Codec codec) {
        open(CompactionTest.compacted(300));
        long ts = time.milliseconds();
        log.appendAsLeader(kafkaBatch(codec.compression, ts, "a", "1", "b", "1"), 0);
        log.appendAsLeader(kafkaBatch(codec.compression, ts, "a", null, "c", "1"), 0);
        for (int i = 0; i < 8; i++) {
            log.appendAsLeader(kafkaBatch(codec.compression, ts, "z", "v" + i), 0);
        }
        cleanOnce().orElseThrow();
        assertThat(kafkaContents()).containsEntry(2L, "a=null").containsEntry(1L, "b=1").doesNotContainKey(0L);
        MutableRecordBatch stamped = kafkaBatches().stream().filter(b -> b.baseOffset() == 2).findFirst().orElseThrow();
        assertThat(stamped.compressionType()).isEqualTo(codec.compression.type());
        assertThat(stamped.deleteHorizonMs()).hasValue(time.milliseconds() + CompactionTest.DAY_MS);
        List<Long> timestamps = new ArrayList<>();
        stamped.forEach(rec -> timestamps.add(rec.timestamp()));
        assertThat(timestamps).as("record timestamps survive the new base timestamp").containsExactly(ts - 10, ts - 8);

        time.advance(CompactionTest.DAY_MS + 1);
        log.appendAsLeader(kafkaBatch(codec.compression, time.milliseconds(), "z", "again"), 0);
        cleanOnce().orElseThrow();
        assertThat(kafkaContents()).doesNotContainKey(2L).containsEntry(3L, "c=1").containsEntry(1L, "b=1");
    }

    @ParameterizedTest
    @EnumSource(Codec.class)
    void aBatchInflatingPastTheBoundIsKeptWholeAndItsKeysUnmapped(Codec codec) throws Exception {
        open(CompactionTest.compacted(400));
        long ts = time.milliseconds();
        log.appendAsLeader(CompactionTest.keyed(ts, "big", "old"), 0);
        String huge = "x".repeat(64 * 1024);
        ByteBuffer compressedHuge = kafkaBatch(codec.compression, ts, "big", huge);
        assertThat(compressedHuge.remaining()).as("compresses well").isLessThan(8 * 1024);
        log.appendAsLeader(compressedHuge, 0);
        for (int i = 0; i < 12; i++) {
            log.appendAsLeader(kafkaBatch(codec.compression, ts, "z", "v" + i), 0);
        }
        Compactor compactor = new Compactor(new OffsetMap(1 << 20), 4096, 16 * 1024, new IoThrottler(Double.MAX_VALUE, time, ms -> { }),
                () -> false);
        compactor.clean(log, LogCleaner.planFor(log, log.logEndOffset(), time.milliseconds()), time.milliseconds());
        Map<Long, String> after = kafkaContents();
        assertThat(after).as("more is kept, nothing wrong dropped").containsEntry(0L, "big=old").containsEntry(1L, "big=" + huge);
        assertThat(after.keySet().stream().filter(o -> o > 1 && o < log.segments().get(log.segmentCount() - 1).baseOffset()))
                .as("the rest was cleaned").hasSizeLessThan(12);
    }
}
