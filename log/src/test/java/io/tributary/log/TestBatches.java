package io.tributary.log;

import io.tributary.common.records.BatchBuilder;
import io.tributary.common.records.BatchHeader;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/** Batches for tests, built with {@link BatchBuilder}; values are filled so each record is recognisable. */
final class TestBatches {

    private TestBatches() {
    }

    /** One batch of {@code records} records of {@code valueBytes} bytes each, all with timestamp {@code ts}. */
    static ByteBuffer batch(int records, int valueBytes, long ts) {
        BatchBuilder b = new BatchBuilder();
        for (int i = 0; i < records; i++) {
            byte[] value = new byte[valueBytes];
            for (int j = 0; j < valueBytes; j++) {
                value[j] = (byte) (i + j);
            }
            b.append(ts, ("k" + i).getBytes(), value);
        }
        return b.build();
    }

    /** One batch whose records have the given timestamps, in order. */
    static ByteBuffer batchWithTimestamps(long... timestamps) {
        BatchBuilder b = new BatchBuilder();
        for (long ts : timestamps) {
            b.append(ts, null, ("v" + ts).getBytes());
        }
        return b.build();
    }

    static ByteBuffer concat(ByteBuffer... parts) {
        int size = 0;
        for (ByteBuffer p : parts) {
            size += p.remaining();
        }
        ByteBuffer out = ByteBuffer.allocate(size);
        for (ByteBuffer p : parts) {
            out.put(p.duplicate());
        }
        return out.flip();
    }

    /** Splits a buffer of whole batches into one buffer per batch. */
    static List<ByteBuffer> split(ByteBuffer batches) {
        List<ByteBuffer> out = new ArrayList<>();
        int at = batches.position();
        while (at < batches.limit()) {
            int size = BatchHeader.sizeInBytes(batches, at);
            ByteBuffer one = batches.duplicate();
            one.position(at).limit(at + size);
            out.add(one.slice());
            at += size;
        }
        return out;
    }

    /** Reads everything from {@code from} to the log end, segment by segment, as one buffer. */
    static ByteBuffer readAll(PartitionLog log, long from) {
        List<ByteBuffer> parts = new ArrayList<>();
        long next = from;
        while (next < log.logEndOffset()) {
            LogReadResult r = log.read(next, Integer.MAX_VALUE, Long.MAX_VALUE, true);
            if (r.isEmpty()) {
                throw new AssertionError("empty read at " + next + " below log end " + log.logEndOffset());
            }
            parts.add(r.copyToHeap());
            next = r.nextOffset();
        }
        return concat(parts.toArray(new ByteBuffer[0]));
    }
}
