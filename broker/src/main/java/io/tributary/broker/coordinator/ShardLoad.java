package io.tributary.broker.coordinator;

import io.tributary.coordinator.GroupCoordinatorShard;
import io.tributary.coordinator.ShardLoader;
import io.tributary.log.LogReadResult;
import io.tributary.log.PartitionLog;
import java.nio.ByteBuffer;

/**
 * Reads a {@code __consumer_offsets} partition into a loading shard, from the log start to the log
 * end as of the start, one chunk of at most {@code offsets.load.buffer.size} bytes per {@link #step}:
 * whole batches read into the thread's {@link LoadBuffer}, control batches skipped, each record's key
 * and value handed to the core's {@link ShardLoader} as slices of the chunk (nothing copied), which
 * parses and replays only what a later record of the chunk does not replace.
 */
final class ShardLoad {

    private final PartitionLog log;
    private final ShardLoader loader;
    private final LoadBuffer buffer;
    private final int chunkBytesMax;
    private final long endOffset;
    private long nextOffset;
    private long records;
    private long bytes;

    ShardLoad(PartitionLog log, GroupCoordinatorShard shard, LoadBuffer buffer, int chunkBytesMax, long startOffset,
              long endOffset) {
        this.log = log;
        this.loader = new ShardLoader(shard);
        this.buffer = buffer;
        this.chunkBytesMax = chunkBytesMax;
        this.nextOffset = startOffset;
        this.endOffset = endOffset;
    }

    /** True while records below the end offset remain to be read. */
    boolean hasMore() {
        return nextOffset < endOffset;
    }

    /** Reads and replays one chunk. */
    void step() {
        LogReadResult read = log.read(nextOffset, chunkBytesMax, endOffset, true);
        if (read.isEmpty()) {
            throw new IllegalStateException("nothing read at offset " + nextOffset + " below the log end " + endOffset);
        }
        ByteBuffer chunk = buffer.read(read.records());
        bytes += chunk.remaining();
        records += CoordinatorBatches.forEachRecord(chunk, nextOffset, loader::add);
        loader.flush();
        nextOffset = read.nextOffset();
    }

    long nextOffset() {
        return nextOffset;
    }

    long endOffset() {
        return endOffset;
    }

    long records() {
        return records;
    }

    long bytes() {
        return bytes;
    }

    /** Records skipped because a later record of their key, in the same chunk, replaced them. */
    long replaced() {
        return loader.replaced();
    }
}
