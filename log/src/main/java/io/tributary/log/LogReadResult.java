package io.tributary.log;

import io.tributary.common.records.RecordsSlice;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * The outcome of {@link PartitionLog#read}: whole batches as a range of one segment file, ready
 * for {@code sendfile}, plus the offsets the fetch path reports.
 *
 * @param records               whole batches; size 0 when nothing is readable below the bound
 * @param fetchOffsetMetadata   the requested offset and the position of the batch holding it
 * @param nextOffset            the offset after the last batch returned (the requested offset when empty)
 * @param logStartOffset        the log start offset when the read ran
 * @param logEndOffset          the log end offset when the read ran
 */
public record LogReadResult(
        RecordsSlice.FileRange records,
        LogOffsetMetadata fetchOffsetMetadata,
        long nextOffset,
        long logStartOffset,
        long logEndOffset) {

    public boolean isEmpty() {
        return records.size() == 0;
    }

    /**
     * Copies the batches onto the heap, for readers that parse them (tests, a coordinator replaying
     * its partition). The fetch path sends {@link #records()} with {@code sendfile} instead.
     */
    public ByteBuffer copyToHeap() {
        ByteBuffer out = ByteBuffer.allocate(records.size());
        try {
            while (out.hasRemaining()) {
                int n = records.channel().read(out, records.position() + out.position());
                if (n < 0) {
                    throw new LogStorageException("segment ended " + out.remaining() + " bytes early while copying a read");
                }
            }
        } catch (IOException e) {
            throw new LogStorageException("cannot copy read of " + records.size() + " bytes", e);
        }
        return out.flip();
    }
}
