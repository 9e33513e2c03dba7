package io.tributary.broker.coordinator;

import io.tributary.common.records.RecordsSlice;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;

/**
 * The memory a shard thread's loads read their chunks into: one direct buffer, reused chunk after
 * chunk and load after load, so a load of a large partition allocates no chunk-sized garbage and the
 * bytes are copied once, from the page cache into it (a heap buffer would go through a temporary
 * direct one). Confined to its thread; a chunk's bytes are valid until the next {@link #read}. It
 * holds {@code offsets.load.buffer.size} bytes, or the largest batch read if that was larger (a read
 * returns at least one whole batch).
 */
final class LoadBuffer {

    private ByteBuffer buffer;

    /** Reads {@code range} of its segment file; the returned view holds exactly its bytes. */
    ByteBuffer read(RecordsSlice.FileRange range) {
        int size = range.size();
        if (buffer == null || buffer.capacity() < size) {
            buffer = ByteBuffer.allocateDirect(size);
        }
        ByteBuffer out = buffer.clear().limit(size);
        try {
            while (out.hasRemaining()) {
                if (range.channel().read(out, range.position() + out.position()) < 0) {
                    throw new IllegalStateException("segment ended " + out.remaining() + " bytes early while loading a chunk of "
                            + size + " bytes");
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read a chunk of " + size + " bytes while loading", e);
        }
        return out.flip().slice();
    }
}
