package io.tributary.wire.internal;

import io.tributary.common.records.RecordsSlice;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.protocol.ByteBufferAccessor;
import org.apache.kafka.common.protocol.Writable;
import org.apache.kafka.common.record.internal.BaseRecords;

/**
 * A {@link Writable} that writes everything but record data into one heap buffer and turns each
 * records field into a chunk of its own, so that file ranges reach the socket through
 * {@code sendfile} and never pass through the heap.
 *
 * <p>The result is an ordered list of chunks: slices of the heap buffer between records fields,
 * interleaved with the record slices themselves. The heap buffer must be sized for exactly the
 * non-records bytes ({@code MessageSizeAccumulator.sizeExcludingZeroCopy()} plus the header);
 * {@link #finish()} refuses a buffer that was not filled, because that means the size and the
 * write disagreed.
 */
public final class ChunkingWritable implements Writable {

    private final ByteBuffer heap;
    private final ByteBufferAccessor out;
    private final List<RecordsSlice> chunks = new ArrayList<>();
    private int chunkStart;

    public ChunkingWritable(ByteBuffer heap) {
        this.heap = heap;
        this.out = new ByteBufferAccessor(heap);
        this.chunkStart = heap.position();
    }

    @Override
    public void writeRecords(BaseRecords records) {
        if (!(records instanceof SliceRecords slice)) {
            throw new IllegalStateException("responses carry records as SliceRecords, got " + records.getClass().getName());
        }
        closeHeapChunk();
        RecordsSlice s = slice.slice();
        if (s.sizeInBytes() > 0) {
            // A buffer chunk is duplicated so that sending it does not move the caller's position.
            chunks.add(s instanceof RecordsSlice.Buffer b ? new RecordsSlice.Buffer(b.bytes().duplicate()) : s);
        }
    }

    /** The chunks in send order; the heap buffer must be exactly full. */
    public List<RecordsSlice> finish() {
        if (heap.hasRemaining()) {
            throw new IllegalStateException("response size and write disagree: " + heap.remaining() + " heap bytes unwritten");
        }
        closeHeapChunk();
        return List.copyOf(chunks);
    }

    private void closeHeapChunk() {
        int end = heap.position();
        if (end > chunkStart) {
            ByteBuffer chunk = heap.duplicate();
            chunk.position(chunkStart).limit(end);
            chunks.add(new RecordsSlice.Buffer(chunk.slice()));
        }
        chunkStart = end;
    }

    @Override
    public void writeByte(byte val) {
        out.writeByte(val);
    }

    @Override
    public void writeShort(short val) {
        out.writeShort(val);
    }

    @Override
    public void writeInt(int val) {
        out.writeInt(val);
    }

    @Override
    public void writeLong(long val) {
        out.writeLong(val);
    }

    @Override
    public void writeDouble(double val) {
        out.writeDouble(val);
    }

    @Override
    public void writeByteArray(byte[] arr) {
        out.writeByteArray(arr);
    }

    @Override
    public void writeUnsignedVarint(int i) {
        out.writeUnsignedVarint(i);
    }

    @Override
    public void writeByteBuffer(ByteBuffer buf) {
        out.writeByteBuffer(buf);
    }

    @Override
    public void writeVarint(int i) {
        out.writeVarint(i);
    }

    @Override
    public void writeVarlong(long i) {
        out.writeVarlong(i);
    }
}
