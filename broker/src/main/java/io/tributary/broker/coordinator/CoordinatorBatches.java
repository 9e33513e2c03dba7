package io.tributary.broker.coordinator;

import io.tributary.common.records.BatchBuilder;
import io.tributary.common.records.BatchHeader;
import io.tributary.coordinator.record.CoordinatorRecord;
import io.tributary.coordinator.record.CoordinatorRecordCodec;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * The bytes of {@code __consumer_offsets}: a shard's records written as one uncompressed magic-2
 * batch with no producer id (the broker writes them itself, as Kafka's coordinator does), and the
 * records of the batches read back while loading.
 */
final class CoordinatorBatches {

    private CoordinatorBatches() {
    }

    static ByteBuffer build(List<CoordinatorRecord> records, long nowMs) {
        BatchBuilder b = new BatchBuilder(256 * records.size() + 64);
        for (CoordinatorRecord r : records) {
            b.append(nowMs, CoordinatorRecordCodec.key(r), CoordinatorRecordCodec.value(r));
        }
        return b.build();
    }

    /** Receives each record read back, in offset order: its key and value (null: a tombstone) as slices of the batches. */
    interface RecordSink {
        void accept(long offset, ByteBuffer key, ByteBuffer value);
    }

    /**
     * Walks the whole batches in {@code batches} (position to limit), skipping control batches and
     * records below {@code fromOffset}, and hands each record's key and value to {@code sink}. Returns
     * the records handed over.
     *
     * @throws IllegalArgumentException or {@link io.tributary.coordinator.record.CoordinatorCodecException}
     *                                  for bytes that do not parse: the partition is corrupt
     */
    static int forEachRecord(ByteBuffer batches, long fromOffset, RecordSink sink) {
        int count = 0;
        int at = batches.position();
        int end = batches.limit();
        while (end - at >= BatchHeader.LOG_OVERHEAD) {
            int size = BatchHeader.sizeInBytes(batches, at);
            if (size < BatchHeader.SIZE || size > end - at) {
                throw new IllegalArgumentException("batch of " + size + " bytes at byte " + at + " does not fit the "
                        + (end - at) + " bytes read");
            }
            if (!BatchHeader.isControl(batches, at)) {
                BatchBuilder.RecordReader reader = new BatchBuilder.RecordReader(batches, at);
                while (reader.next()) {
                    BatchBuilder.Record r = reader.current();
                    if (r.offset() < fromOffset) {
                        continue;
                    }
                    if (r.key() == null) {
                        throw new IllegalArgumentException("record at offset " + r.offset() + " has no key");
                    }
                    sink.accept(r.offset(), r.key(), r.value());
                    count++;
                }
            }
            at += size;
        }
        if (at != end) {
            throw new IllegalArgumentException((end - at) + " bytes after the last whole batch");
        }
        return count;
    }
}
