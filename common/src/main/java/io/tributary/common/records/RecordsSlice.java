package io.tributary.common.records;

import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/**
 * Record bytes on their way to a socket: either a range of a segment file, sent with
 * {@code sendfile} so the bytes never enter the JVM, or a buffer already in memory.
 */
public sealed interface RecordsSlice permits RecordsSlice.FileRange, RecordsSlice.Buffer {

    int sizeInBytes();

    RecordsSlice EMPTY = new Buffer(ByteBuffer.allocate(0));

    /** {@code size} bytes of {@code channel} starting at {@code position}. The channel stays owned by the log. */
    record FileRange(FileChannel channel, long position, int size) implements RecordsSlice {
        @Override
        public int sizeInBytes() {
            return size;
        }
    }

    /** Bytes in memory; the buffer's position-to-limit is the content. */
    record Buffer(ByteBuffer bytes) implements RecordsSlice {
        @Override
        public int sizeInBytes() {
            return bytes.remaining();
        }
    }
}
