package io.tributary.broker.metrics;

import io.tributary.common.records.BatchHeader;
import java.nio.ByteBuffer;

/**
 * Counts the records in a buffer of v2 record batches from their headers alone (the record count
 * field at byte 57 of each batch), reading with absolute gets so the buffer is left as it was. Only
 * successfully appended buffers are counted, so the batches are known to be whole.
 */
final class RecordCounts {

    private RecordCounts() {
    }

    static long count(ByteBuffer batches) {
        long records = 0;
        int at = batches.position();
        int end = batches.limit();
        while (end - at >= BatchHeader.SIZE) {
            int size = BatchHeader.sizeInBytes(batches, at);
            if (size < BatchHeader.SIZE || size > end - at) {
                break;
            }
            records += Math.max(0, BatchHeader.recordCount(batches, at));
            at += size;
        }
        return records;
    }
}
