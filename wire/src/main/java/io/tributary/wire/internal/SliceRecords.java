package io.tributary.wire.internal;

import io.tributary.common.records.RecordsSlice;
import org.apache.kafka.common.record.internal.BaseRecords;
import org.apache.kafka.common.record.internal.RecordsSend;

/**
 * Lets a generated response class carry a {@link RecordsSlice} as its records field without reading
 * it: the generated size code counts it as zero-copy bytes and the generated write code hands it to
 * {@link ChunkingWritable#writeRecords}, which makes it a chunk of its own.
 */
public record SliceRecords(RecordsSlice slice) implements BaseRecords {

    @Override
    public int sizeInBytes() {
        return slice.sizeInBytes();
    }

    @Override
    public RecordsSend<? extends BaseRecords> toSend() {
        // kafka-clients' own network layer would call this; ours sends the slice itself.
        throw new UnsupportedOperationException("Tributary sends record slices through ResponseFrame chunks");
    }
}
